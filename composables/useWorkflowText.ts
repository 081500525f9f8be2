import type { BadgeProps } from '@nuxt/ui'
import { eventDef, recordEventKey } from '#shared/events'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { RecordType } from '#shared/records'
import { CONDITION_OP_LABELS, STEP_TYPES } from '#shared/workflows'
import type { Condition, RunStatus, TriggerKind, WorkflowStep, WorkflowTrigger } from '#shared/workflows'

// Workflows in words, for the list, the builder's nodes and the runs: what starts one, what a step
// does, a schedule read out, and the colours of a run's status.

/** A run's status as a badge colour (CommonStatusBadge). */
export const RUN_STATUS_COLORS: Partial<Record<RunStatus, BadgeProps['color']>> = {
  queued: 'neutral', running: 'info', waiting: 'info', succeeded: 'success', failed: 'error', cancelled: 'neutral', stopped: 'warning',
}

export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = {
  event: 'Event', schedule: 'Schedule', manual: 'By hand', webhook: 'Incoming webhook',
}

/** Icons of the trigger kinds and step types, on the canvas and in pickers. */
export const TRIGGER_ICONS: Record<TriggerKind, string> = {
  event: 'i-lucide-zap', schedule: 'i-lucide-calendar-clock', manual: 'i-lucide-hand', webhook: 'i-lucide-webhook',
}
export const STEP_ICONS: Record<WorkflowStep['type'], string> = {
  condition: 'i-lucide-split', delay: 'i-lucide-hourglass', update_record: 'i-lucide-pencil-line', create_record: 'i-lucide-file-plus',
  assign: 'i-lucide-user-round-check', notify: 'i-lucide-bell', send_email: 'i-lucide-mail', http_request: 'i-lucide-globe',
  slack: 'i-lucide-hash', teams: 'i-lucide-messages-square', webhook_event: 'i-lucide-send', approval: 'i-lucide-stamp',
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const two = (n: string) => n.padStart(2, '0')

/** A five-field cron read out when it is a common shape ("Every Monday at 08:00"), else the cron itself. */
export function cronInWords(cron: string): string {
  const parts = cron.trim().split(/\s+/)
  if (parts.length !== 5) return `On the schedule ${cron}`
  const [min, hour, dom, month, dow] = parts as [string, string, string, string, string]
  const num = /^\d{1,2}$/
  const at = num.test(min) && num.test(hour) ? `${two(hour)}:${two(min)}` : null
  const step = /^\*\/(\d+)$/.exec(min)
  if (step && hour === '*' && dom === '*' && month === '*' && dow === '*') return `Every ${step[1]} minutes`
  if (num.test(min) && hour === '*' && dom === '*' && month === '*' && dow === '*') return `Every hour at :${two(min)}`
  if (at && month === '*') {
    if (dom === '*' && dow === '*') return `Every day at ${at}`
    if (dom === '*' && dow === '1-5') return `Every weekday at ${at}`
    if (dom === '*' && /^[0-7]$/.test(dow)) return `Every ${DAYS[Number(dow) % 7]} at ${at}`
    if (dom === '*' && /^[0-7](,[0-7])+$/.test(dow)) return `Every ${dow.split(',').map(d => DAYS[Number(d) % 7]).join(', ')} at ${at}`
    if (num.test(dom) && dow === '*') return `Every month on day ${dom} at ${at}`
  }
  return `On the schedule ${cron}`
}

const VERBS: Record<string, string> = { created: 'created', updated: 'updated', deleted: 'deleted', restored: 'restored' }
const SPECIAL: Record<string, string> = {
  'deal.stage_changed': 'When a deal moves to another stage',
  'ticket.sla_breached': 'When a ticket breaches its SLA',
  'lead.converted': 'When a lead is converted',
  'member.invited': 'When a member is invited',
  'member.joined': 'When a member joins',
  'member.role_changed': 'When a member\'s role changes',
  'member.removed': 'When a member is removed',
  'dashboard.shared': 'When a dashboard is shared',
  'import.finished': 'When an import finishes',
  'export.ready': 'When a data export is ready',
  'workflow.message': 'When a workflow sends a message',
}

/** "When a deal is updated" for an event type. */
export function eventInWords(type: string): string {
  if (SPECIAL[type]) return SPECIAL[type]
  const [key, verb] = type.split('.')
  const recordType = RECORD_TYPES.find(t => recordEventKey(t) === key)
  if (recordType && verb && VERBS[verb]) {
    const one = RECORDS[recordType].singular.toLowerCase()
    return `When ${/^[aeiou]/.test(one) ? 'an' : 'a'} ${one} is ${VERBS[verb]}`
  }
  return `When “${eventDef(type)?.label ?? type}” happens`
}

/** What starts a workflow, in words; `receiverName` names an incoming webhook when it is known. */
export function triggerInWords(trigger: WorkflowTrigger, receiverName?: (id: string) => string | undefined): string {
  switch (trigger.kind) {
    case 'event': return eventInWords(trigger.event)
    case 'schedule': return cronInWords(trigger.cron)
    case 'manual': return `Started by hand on ${RECORDS[trigger.recordType].label.toLowerCase()}`
    case 'webhook': {
      const name = receiverName?.(trigger.receiverId)
      return name ? `When incoming webhook ${name} receives` : 'When an incoming webhook receives'
    }
  }
}

/** A condition in words: "Amount is more than 50,000.00" (money is kept in minor units). */
export function conditionInWords(c: Condition): string {
  const unary = c.op === 'empty' || c.op === 'not_empty' || c.op === 'changed'
  const money = fieldKind(c.field) === 'money' && typeof c.value === 'number'
  const value = c.value === undefined || c.value === null || c.value === ''
    ? '…'
    : money ? (Number(c.value) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(c.value)
  return `${fieldLabel(c.field)} ${CONDITION_OP_LABELS[c.op]}${unary ? '' : ` ${value}`}`
}

/** The kind of a `record.<field>` path, when the record catalogue knows the field. */
function fieldKind(path: string): string | undefined {
  const [root, key, more] = path.split('.')
  if (root !== 'record' || !key || more) return undefined
  for (const t of RECORD_TYPES) {
    const f = (RECORDS[t].fields as Record<string, { kind: string }>)[key]
    if (f) return f.kind
  }
  return undefined
}

/** The trigger node's second line: its conditions, or what it fires on. */
export function triggerDetail(trigger: WorkflowTrigger): string {
  switch (trigger.kind) {
    case 'event': return trigger.conditions.length ? trigger.conditions.map(conditionInWords).join(' and ') : 'Every time'
    case 'webhook': return trigger.conditions.length ? trigger.conditions.map(conditionInWords).join(' and ') : 'Every message'
    case 'schedule': return trigger.timeZone ? `In ${trigger.timeZone}` : 'In the workspace\'s time zone'
    case 'manual': return 'From a list or a record'
  }
}

/** `record.amountMinor` → "Amount" when the record catalogue knows it, else the path. */
export function fieldLabel(path: string, type?: RecordType | null): string {
  const [root, ...rest] = path.split('.')
  if (root === 'record' && rest.length === 1) {
    for (const t of type ? [type] : RECORD_TYPES) {
      const f = (RECORDS[t].fields as Record<string, { label: string }>)[rest[0]!]
      if (f) return f.label
    }
  }
  return path
}

/** One line under a step's title on the canvas: what it does with what. */
export function stepInWords(step: WorkflowStep): string {
  switch (step.type) {
    case 'condition': return step.conditions.length ? step.conditions.map(conditionInWords).join(step.match === 'any' ? ' or ' : ' and ') : 'No condition yet'
    case 'delay': return step.seconds ? `For ${durationInWords(step.seconds)}` : step.untilField ? `Until ${fieldLabel(step.untilField)}` : 'Choose how long'
    case 'update_record': return Object.keys(step.fields).length ? `Sets ${Object.keys(step.fields).map(k => fieldLabel(`record.${k}`)).join(', ')}` : 'No field yet'
    case 'create_record': return `A new ${RECORDS[step.recordType].singular.toLowerCase()}`
    case 'assign': return step.mode === 'round_robin' ? 'Round-robin in a team' : 'To a member'
    case 'notify': return step.title || 'No title yet'
    case 'send_email': return step.to ? `To ${step.to}` : 'No recipient yet'
    case 'http_request': return `${step.method} ${step.url.replace(/^https?:\/\//, '')}`
    case 'slack':
    case 'teams': return step.text || 'No message yet'
    case 'webhook_event': return step.message || 'No message yet'
    case 'approval': return `${step.levels.length} ${step.levels.length === 1 ? 'level' : step.mode === 'parallel' ? 'levels at once' : 'levels in turn'}${step.dueHours ? ` · due in ${step.dueHours} h` : ''}`
  }
}

/** Seconds as "2 days", "3 hours", "90 minutes". */
export function durationInWords(seconds: number): string {
  const units: [number, string][] = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute'], [1, 'second']]
  const [size, name] = units.find(([s]) => seconds % s === 0 && seconds >= s) ?? [1, 'second']
  const n = seconds / size
  return `${n} ${name}${n === 1 ? '' : 's'}`
}

/** A run's length: "420 ms", "3.2 s", "4 min", or null while it runs. */
export function runDuration(startedAt: string, finishedAt: string | null): string | null {
  if (!finishedAt) return null
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime()
  return msInWords(ms)
}

export function msInWords(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

/** A step's title on the canvas: its own name, else its ID read out (`review_task` → "Review task"). */
export function stepTitle(step: WorkflowStep): string {
  if (step.name) return step.name
  const words = step.id.replace(/_/g, ' ').replace(/\s+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : STEP_TYPES[step.type].label
}
