import type { WorkflowInput } from './workflows'

/**
 * Workflows to start from. Each is a whole definition; what only the workspace can say (a team,
 * a Slack address, a recipient) is left for the builder to ask, shown there as the step's problem.
 */
export interface WorkflowTemplate {
  key: string
  name: string
  description: string
  icon: string
  workflow: WorkflowInput
}

export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [
  {
    key: 'large-deal',
    name: 'Large deal: tell its owner and follow up',
    description: 'When a deal\'s amount rises above 50,000, its owner is told and a review task is made for them.',
    icon: 'i-lucide-badge-dollar-sign',
    workflow: {
      name: 'Large deal review',
      description: 'Deals above 50,000 get a review task.',
      definition: {
        trigger: { kind: 'event', event: 'deal.updated', conditions: [{ field: 'record.amountMinor', op: 'gt', value: 5_000_000 }, { field: 'record.amountMinor', op: 'changed' }] },
        steps: [
          { id: 'tell_owner', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Large deal: {{record.name}}', body: 'The amount is now {{record.amountMinor}} (minor units). A review task is on your list.', next: 'review_task' },
          { id: 'review_task', type: 'create_record', recordType: 'tasks', fields: { title: 'Review the large deal {{record.name}}', priority: 'high', relatedType: 'deals', relatedId: '{{record.id}}', ownerId: '{{record.ownerId}}' }, next: null },
        ],
      },
    },
  },
  {
    key: 'large-deal-approval',
    name: 'Large deal needs manager approval',
    description: 'A deal that rises above 50,000 waits for its owner\'s team lead to approve (48 hours, then a reminder); the owner hears either way.',
    icon: 'i-lucide-stamp',
    workflow: {
      name: 'Large deal approval',
      description: 'Deals above 50,000 need the owner\'s team lead to approve.',
      definition: {
        trigger: { kind: 'event', event: 'deal.updated', conditions: [{ field: 'record.amountMinor', op: 'gt', value: 5_000_000 }, { field: 'record.amountMinor', op: 'changed' }] },
        steps: [
          { id: 'approve', type: 'approval', title: 'Approve the large deal {{record.name}}', mode: 'sequential', levels: [{ approvers: { userIds: [], roleKeys: [], teamIds: [], ownerTeamLeads: true }, quorum: 'any' }], allowSelfApproval: false, dueHours: 48, escalateTo: [], next: 'approved', else: 'rejected' },
          { id: 'approved', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Approved: {{record.name}}', body: 'Your team lead approved the deal at {{record.amountMinor}} (minor units).', next: null },
          { id: 'rejected', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Not approved: {{record.name}}', body: 'Your team lead did not approve the deal. See the approval for their comment.', next: null },
        ],
      },
    },
  },
  {
    key: 'breached-ticket-slack',
    name: 'Breached ticket → Slack',
    description: 'Posts to a Slack channel when a ticket misses its SLA.',
    icon: 'i-lucide-siren',
    workflow: {
      name: 'Breached tickets to Slack',
      description: '',
      definition: {
        trigger: { kind: 'event', event: 'ticket.sla_breached', conditions: [] },
        steps: [
          { id: 'post', type: 'slack', url: 'https://hooks.slack.com/services/…', text: ':rotating_light: Ticket "{{record.subject}}" ({{record.priority}}) missed its SLA, due {{trigger.slaDueAt}}.', next: null },
        ],
      },
    },
  },
  {
    key: 'new-lead-round-robin',
    name: 'New lead → round-robin and a follow-up task',
    description: 'Gives each new lead to the next member of a team and makes them a follow-up task.',
    icon: 'i-lucide-users-round',
    workflow: {
      name: 'New lead round-robin',
      description: '',
      definition: {
        trigger: { kind: 'event', event: 'lead.created', conditions: [] },
        steps: [
          { id: 'assign', type: 'assign', mode: 'round_robin', next: 'follow_up' },
          { id: 'follow_up', type: 'create_record', recordType: 'tasks', fields: { title: 'Follow up with {{record.firstName}} {{record.lastName}}', relatedType: 'leads', relatedId: '{{record.id}}', ownerId: '{{steps.assign.ownerId}}' }, next: null },
        ],
      },
    },
  },
  {
    key: 'weekly-digest',
    name: 'Weekly digest email',
    description: 'Every Monday at 08:00 in the workspace\'s time zone, a mail to the address you choose.',
    icon: 'i-lucide-mail',
    workflow: {
      name: 'Weekly digest',
      description: '',
      definition: {
        trigger: { kind: 'schedule', cron: '0 8 * * 1' },
        steps: [
          { id: 'mail', type: 'send_email', to: 'team@example.com', subject: 'The week ahead at {{workspace.name}}', body: 'Good morning,\n\nThis is the weekly note from {{workspace.name}}, sent {{now}}.', next: null },
        ],
      },
    },
  },
]
