import { z } from 'zod'
import type { Permission } from './permissions'
import { RECORD_TYPES, RECORDS } from './records'
import type { RecordType } from './records'

/**
 * The one catalogue of domain events: what a workspace's other systems can learn of through
 * webhooks (and, later, automation). Each event is written to the outbox (`domain_events`) in the
 * transaction of the change it reports, so a rolled-back change reports nothing.
 *
 * An entry names the event, its payload version, the payload's schema (what `data` holds in the
 * delivered envelope), the permission a person needs to see such data, and a label and group for
 * the screens. A payload changes shape only with a new version.
 */
export interface EventDef {
  type: string
  version: number
  label: string
  group: string
  permission: Permission
  data: z.ZodType
}

/** One record as the API returns it: its id, fields and custom values. */
const recordObject = z.looseObject({ id: z.string() })

/** The singular key of a record type in event names: `accounts` → `account`. */
export function recordEventKey(type: RecordType): string {
  return RECORDS[type].singular.toLowerCase()
}

const recordEvents = RECORD_TYPES.flatMap((type): EventDef[] => {
  const key = recordEventKey(type)
  const one = RECORDS[type].singular
  const group = RECORDS[type].label
  const permission = `${type}:read` as Permission
  return [
    { type: `${key}.created`, version: 1, label: `${one} created`, group, permission, data: z.object({ recordType: z.literal(type), record: recordObject }) },
    { type: `${key}.updated`, version: 1, label: `${one} updated`, group, permission, data: z.object({ recordType: z.literal(type), record: recordObject, changed: z.array(z.string()) }) },
    { type: `${key}.deleted`, version: 1, label: `${one} deleted`, group, permission, data: z.object({ recordType: z.literal(type), id: z.string() }) },
    { type: `${key}.restored`, version: 1, label: `${one} restored`, group, permission, data: z.object({ recordType: z.literal(type), record: recordObject }) },
  ]
})

const member = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.string() })

export const EVENTS: EventDef[] = [
  ...recordEvents,
  { type: 'deal.stage_changed', version: 1, label: 'Deal moved to another stage', group: 'Deals', permission: 'deals:read',
    data: z.object({ recordType: z.literal('deals'), record: recordObject, fromStageId: z.string().nullable(), toStageId: z.string() }) },
  { type: 'ticket.sla_breached', version: 1, label: 'Ticket breached its SLA', group: 'Tickets', permission: 'tickets:read',
    data: z.object({ recordType: z.literal('tickets'), record: recordObject, slaDueAt: z.string() }) },
  { type: 'lead.converted', version: 1, label: 'Lead converted', group: 'Leads', permission: 'leads:read',
    data: z.object({ leadId: z.string(), accountId: z.string(), contactId: z.string(), dealId: z.string().nullable() }) },
  { type: 'member.invited', version: 1, label: 'Member invited', group: 'Members', permission: 'members:read', data: z.object({ member }) },
  { type: 'member.joined', version: 1, label: 'Member joined', group: 'Members', permission: 'members:read', data: z.object({ member }) },
  { type: 'member.role_changed', version: 1, label: 'Member\'s role changed', group: 'Members', permission: 'members:read',
    data: z.object({ member, fromRole: z.string() }) },
  { type: 'member.removed', version: 1, label: 'Member removed', group: 'Members', permission: 'members:read', data: z.object({ member }) },
  { type: 'dashboard.shared', version: 1, label: 'Dashboard shared', group: 'Dashboards', permission: 'dashboard:read',
    data: z.object({ dashboard: z.object({ id: z.string(), name: z.string() }), sharedRoleKeys: z.array(z.string()) }) },
  { type: 'import.finished', version: 1, label: 'Import finished', group: 'Data', permission: 'settings:admin',
    data: z.object({ recordType: z.enum(RECORD_TYPES), imported: z.number().int() }) },
  { type: 'export.ready', version: 1, label: 'Data export ready', group: 'Data', permission: 'settings:admin',
    data: z.object({ exportId: z.string(), sizeBytes: z.number().int().nullable() }) },
  { type: 'report.delivered', version: 1, label: 'Scheduled report delivered', group: 'Reports', permission: 'reports:read',
    data: z.object({
      report: z.object({ id: z.string(), name: z.string() }),
      scheduleId: z.string().nullable(),
      runId: z.string(),
      format: z.enum(['csv', 'xlsx', 'json', 'pdf']),
      rows: z.number().int(),
      sizeBytes: z.number().int(),
      /** A download link that needs no sign-in; it works while the file is kept. */
      url: z.string(),
      expiresAt: z.string(),
    }) },
  { type: 'webhook.received', version: 1, label: 'Incoming webhook received', group: 'Webhooks', permission: 'webhooks:admin',
    data: z.object({ receiverId: z.string(), receiverName: z.string(), messageId: z.string(), inboundId: z.string(), payload: z.unknown() }) },
  { type: 'workflow.message', version: 1, label: 'Message from a workflow', group: 'Automation', permission: 'workflows:read',
    data: z.object({ workflowId: z.string(), runId: z.string(), message: z.string(), record: z.object({ type: z.enum(RECORD_TYPES), id: z.string() }).nullable() }) },
  { type: 'webhook.test', version: 1, label: 'Test event', group: 'Webhooks', permission: 'webhooks:admin',
    data: z.object({ message: z.string(), endpointId: z.string() }) },
]

export const EVENT_TYPES = EVENTS.map(e => e.type)

const BY_TYPE = new Map(EVENTS.map(e => [e.type, e]))

export function eventDef(type: string): EventDef | undefined {
  return BY_TYPE.get(type)
}

export function isEventType(value: string): boolean {
  return BY_TYPE.has(value)
}

/**
 * Event types an endpoint can subscribe to: not the test event (sent on request, to one endpoint),
 * nor incoming webhooks (for automation; sending them out again invites loops between systems).
 */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter(t => t !== 'webhook.test' && t !== 'webhook.received')

/** What a receiver gets in the body of each delivery. */
export interface EventEnvelope {
  id: string
  type: string
  version: number
  timestamp: string
  data: unknown
}
