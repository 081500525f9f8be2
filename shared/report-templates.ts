import type { ReportDefinitionInput } from './reports'

/**
 * Reports to start from (New report → a template). Each is an ordinary definition the builder
 * opens unsaved, so a person changes what they like before saving. A template is offered where
 * its record type's module is on and the person reads that type (the compliance report: where
 * they read the audit log).
 */
export interface ReportTemplate {
  key: string
  name: string
  description: string
  /** What the report is for, as the template gallery groups them. */
  kind: 'performance' | 'financial' | 'service' | 'activity' | 'compliance'
  definition: ReportDefinitionInput
}

export const REPORT_TEMPLATES = [
  {
    key: 'pipeline-performance',
    name: 'Pipeline performance by owner',
    description: 'Deals, wins, win rate, won amount and the days a closed deal took, per owner.',
    kind: 'performance',
    definition: {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'ownerId' }, { field: 'status' }, { field: 'amountMinor' }, { field: 'calc.cycle_days' }],
      calculations: [
        { key: 'won', label: 'Won', expression: 'if(status = "won", 1, 0)' },
        { key: 'win_rate', label: 'Win rate', expression: 'if(status = "open", null, if(status = "won", 100, 0))', format: 'percent' },
        { key: 'won_amount', label: 'Won amount', expression: 'if(status = "won", amountMinor, 0)', format: 'money' },
        { key: 'cycle_days', label: 'Cycle (days)', expression: 'if(is_empty(closedAt), null, round(days_between(createdAt, closedAt), 1))' },
      ],
      groupBy: [{ field: 'ownerId' }],
      aggregates: [
        { fn: 'count', label: 'Deals' },
        { fn: 'sum', field: 'calc.won', label: 'Won' },
        { fn: 'avg', field: 'calc.win_rate', label: 'Win rate' },
        { fn: 'sum', field: 'calc.won_amount', label: 'Won amount' },
        { fn: 'avg', field: 'calc.cycle_days', label: 'Average cycle (days)' },
      ],
      sort: [{ field: 'agg.3', dir: 'desc' }],
    },
  },
  {
    key: 'revenue-by-month',
    name: 'Revenue won by month',
    description: 'Won deals by the month they closed: how many and for how much.',
    kind: 'financial',
    definition: {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'account.name' }, { field: 'ownerId' }, { field: 'amountMinor' }, { field: 'closedAt' }],
      filters: { status: 'won' },
      groupBy: [{ field: 'closedAt', bucket: 'month' }],
      aggregates: [{ fn: 'count', label: 'Deals won' }, { fn: 'sum', field: 'amountMinor', label: 'Revenue' }, { fn: 'avg', field: 'amountMinor', label: 'Average deal' }],
      sort: [{ field: 'closedAt', dir: 'asc' }],
      chart: 'bar',
    },
  },
  {
    key: 'forecast-vs-actual',
    name: 'Forecast vs actual',
    description: 'By expected close month: what the pipeline promised (open and won) against what was won.',
    kind: 'financial',
    definition: {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'stageId' }, { field: 'status' }, { field: 'amountMinor' }, { field: 'expectedCloseDate' }],
      calculations: [
        { key: 'forecast', label: 'Forecast', expression: 'if(status = "lost", 0, amountMinor)', format: 'money' },
        { key: 'actual', label: 'Actual', expression: 'if(status = "won", amountMinor, 0)', format: 'money' },
      ],
      groupBy: [{ field: 'expectedCloseDate', bucket: 'month' }],
      aggregates: [{ fn: 'sum', field: 'calc.forecast', label: 'Forecast' }, { fn: 'sum', field: 'calc.actual', label: 'Actual' }],
      sort: [{ field: 'expectedCloseDate', dir: 'asc' }],
      chart: 'line',
    },
  },
  {
    key: 'ticket-sla',
    name: 'Ticket SLA compliance',
    description: 'Tickets by priority and assignee: breaches, the share kept within SLA, hours to resolve.',
    kind: 'service',
    definition: {
      source: 'tickets',
      columns: [{ field: 'subject' }, { field: 'priority' }, { field: 'ownerId' }, { field: 'status' }, { field: 'slaDueAt' }, { field: 'slaBreachedAt' }],
      calculations: [
        { key: 'breached', label: 'Breached', expression: 'if(is_empty(slaBreachedAt), 0, 1)' },
        { key: 'within_sla', label: 'Within SLA', expression: 'if(is_empty(slaBreachedAt), 100, 0)', format: 'percent' },
        { key: 'hours_to_resolve', label: 'Hours to resolve', expression: 'if(is_empty(resolvedAt), null, round(hours_between(createdAt, resolvedAt), 1))' },
      ],
      groupBy: [{ field: 'priority' }, { field: 'ownerId' }],
      aggregates: [
        { fn: 'count', label: 'Tickets' },
        { fn: 'sum', field: 'calc.breached', label: 'Breaches' },
        { fn: 'avg', field: 'calc.within_sla', label: 'Within SLA' },
        { fn: 'avg', field: 'calc.hours_to_resolve', label: 'Average hours to resolve' },
      ],
    },
  },
  {
    key: 'team-activity',
    name: 'Team activity',
    description: 'Tasks per assignee: how many, done, open past their due time.',
    kind: 'activity',
    definition: {
      source: 'tasks',
      columns: [{ field: 'title' }, { field: 'ownerId' }, { field: 'status' }, { field: 'dueAt' }, { field: 'completedAt' }],
      calculations: [
        { key: 'done', label: 'Done', expression: 'if(status = "done", 1, 0)' },
        { key: 'overdue', label: 'Overdue', expression: 'if(status = "open" and dueAt < now(), 1, 0)' },
      ],
      groupBy: [{ field: 'ownerId' }],
      aggregates: [{ fn: 'count', label: 'Tasks' }, { fn: 'sum', field: 'calc.done', label: 'Done' }, { fn: 'sum', field: 'calc.overdue', label: 'Overdue' }],
      sort: [{ field: 'agg.0', dir: 'desc' }],
    },
  },
  {
    key: 'lead-source-roi',
    name: 'Lead source ROI',
    description: 'Deals by the source they came from: how many, won, revenue and the average won deal.',
    kind: 'financial',
    definition: {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'source' }, { field: 'status' }, { field: 'amountMinor' }],
      calculations: [
        { key: 'won', label: 'Won', expression: 'if(status = "won", 1, 0)' },
        { key: 'revenue', label: 'Revenue', expression: 'if(status = "won", amountMinor, 0)', format: 'money' },
        { key: 'won_size', label: 'Won deal size', expression: 'if(status = "won", amountMinor, null)', format: 'money' },
      ],
      groupBy: [{ field: 'source' }],
      aggregates: [
        { fn: 'count', label: 'Deals' },
        { fn: 'sum', field: 'calc.won', label: 'Won' },
        { fn: 'sum', field: 'calc.revenue', label: 'Revenue' },
        { fn: 'avg', field: 'calc.won_size', label: 'Average won deal' },
      ],
      sort: [{ field: 'agg.2', dir: 'desc' }],
      chart: 'bar',
    },
  },
  {
    key: 'compliance',
    name: 'Compliance: access and exports',
    description: 'From the audit log, by month: sign-ins and failed ones, role and permission changes, API keys, data exports, security settings, super admins acting here.',
    kind: 'compliance',
    definition: {
      source: 'audit',
      columns: [{ field: 'createdAt' }, { field: 'compliance' }, { field: 'action' }, { field: 'actor' }, { field: 'actorEmail' }, { field: 'ip' }, { field: 'impersonated' }],
      filters: { compliance: 'Sign-ins,Failed sign-ins,Roles and permissions,API keys,Data exports,Security settings,Impersonation' },
      groupBy: [{ field: 'compliance' }, { field: 'createdAt', bucket: 'month' }],
      aggregates: [{ fn: 'count', label: 'Entries' }, { fn: 'distinct', field: 'actor', label: 'People and keys' }, { fn: 'distinct', field: 'ip', label: 'Addresses' }],
      sort: [{ field: 'compliance', dir: 'asc' }, { field: 'createdAt', dir: 'asc' }],
    },
  },
] as const satisfies readonly ReportTemplate[]

export type ReportTemplateKey = typeof REPORT_TEMPLATES[number]['key']
export const REPORT_TEMPLATE_KEYS = REPORT_TEMPLATES.map(t => t.key) as [ReportTemplateKey, ...ReportTemplateKey[]]

export function reportTemplate(key: string): ReportTemplate | undefined {
  return (REPORT_TEMPLATES as readonly ReportTemplate[]).find(t => t.key === key)
}
