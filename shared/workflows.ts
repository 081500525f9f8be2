import { z } from 'zod'
import { EVENTS, eventDef } from './events'
import { RECORD_TYPES, RECORDS } from './records'
import type { FieldDef, RecordType } from './records'

/**
 * Workflows: one trigger, then steps joined into a graph without cycles. The definition is one
 * JSON document, checked here in full (shape, graph, fields, variables) when it is saved, so a run
 * never meets a step that refers to something that does not exist. The server runs it
 * (server/services/automation/); the builder edits it.
 *
 * Text fields of steps are templates: `{{record.name}}` (the record the run is about),
 * `{{trigger.<path>}}` (the event's data), `{{steps.<id>.<output>}}` (an earlier step's result),
 * `{{workspace.name}}` and `{{run.id}}`.
 */

/** Runs started by a workflow's own changes stop at this depth (the loop guard). */
export const MAX_RUN_DEPTH = 5
/** A schedule may fire at most once per this many minutes. */
export const MIN_SCHEDULE_MINUTES = 5
/** Steps in one workflow, at most. */
export const MAX_STEPS = 50
/** Tries of a step that failed for a passing reason (network, 5xx, 429), the first included. */
export const STEP_RETRY_DELAYS_S = [0, 10, 60, 300, 1800]
export const MAX_STEP_ATTEMPTS = STEP_RETRY_DELAYS_S.length
/** How long a delay step may wait, at most (90 days). */
export const MAX_DELAY_S = 90 * 24 * 3600

export const CONDITION_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'empty', 'not_empty', 'changed'] as const
export type ConditionOp = typeof CONDITION_OPS[number]
export const CONDITION_OP_LABELS: Record<ConditionOp, string> = {
  eq: 'is', neq: 'is not', gt: 'is more than', gte: 'is at least', lt: 'is less than', lte: 'is at most',
  contains: 'contains', empty: 'is empty', not_empty: 'is not empty', changed: 'changed',
}
const UNARY: readonly ConditionOp[] = ['empty', 'not_empty', 'changed']

const stepId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _ (starting with a letter)')
const text = (max: number) => z.string().max(max)

export const conditionSchema = z.strictObject({
  /** A variable path without braces: `record.amount`, `trigger.changed`, `steps.check.status`. */
  field: z.string().min(1).max(120),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]).optional(),
})
export type Condition = z.infer<typeof conditionSchema>

export const TRIGGER_KINDS = ['event', 'schedule', 'manual', 'webhook'] as const
export type TriggerKind = typeof TRIGGER_KINDS[number]

export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), event: z.string().max(60), conditions: z.array(conditionSchema).max(10).default([]) }),
  z.strictObject({ kind: z.literal('schedule'), cron: z.string().min(9).max(100), timeZone: z.string().max(60).optional() }),
  z.strictObject({ kind: z.literal('manual'), recordType: z.enum(RECORD_TYPES) }),
  z.strictObject({ kind: z.literal('webhook'), receiverId: z.uuid(), conditions: z.array(conditionSchema).max(10).default([]) }),
])
export type WorkflowTrigger = z.infer<typeof triggerSchema>

/** Field values a step writes: field key → template (`custom.<key>` for custom fields). */
const fieldValues = z.record(z.string().max(80), text(2000)).refine(v => Object.keys(v).length <= 30, 'At most 30 fields')
const httpUrl = z.string().max(2000).refine(v => /^https?:\/\//.test(v), 'Must start with https:// (or http://)')

const base = { id: stepId, name: text(80).optional(), next: stepId.nullable().optional() }

/**
 * Who may approve at a level: named members, everyone holding a role, members of a team, and the
 * record owner's team leads (for each team the owner is in: its lead; the parent team's lead where
 * the owner leads it; the team's managers and admins where it has no lead). Definitions saved
 * before leads existed say `ownerTeamManagers`, read as `ownerTeamLeads`.
 */
export const approversSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || !('ownerTeamManagers' in v)) return v
  const { ownerTeamManagers, ...rest } = v as Record<string, unknown>
  return { ownerTeamLeads: ownerTeamManagers, ...rest }
}, z.strictObject({
  userIds: z.array(z.uuid()).max(20).default([]),
  roleKeys: z.array(z.string().max(60)).max(10).default([]),
  teamIds: z.array(z.uuid()).max(10).default([]),
  ownerTeamLeads: z.boolean().default(false),
}))
export type Approvers = z.infer<typeof approversSchema>
/** How many approvals a level needs: any one, all of its approvers, or N of them. */
export const quorumSchema = z.union([z.enum(['any', 'all']), z.number().int().min(1).max(20)])
export const approvalLevelSchema = z.strictObject({ name: text(80).optional(), approvers: approversSchema, quorum: quorumSchema.default('any') })

export const stepSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('condition'), match: z.enum(['all', 'any']).default('all'), conditions: z.array(conditionSchema).min(1).max(10), else: stepId.nullable().optional() }),
  z.strictObject({ ...base, type: z.literal('delay'), seconds: z.number().int().min(1).max(MAX_DELAY_S).optional(), untilField: z.string().max(120).optional() }),
  z.strictObject({ ...base, type: z.literal('update_record'), fields: fieldValues }),
  z.strictObject({ ...base, type: z.literal('create_record'), recordType: z.enum(RECORD_TYPES), fields: fieldValues }),
  z.strictObject({ ...base, type: z.literal('assign'), mode: z.enum(['user', 'round_robin']), userId: z.uuid().optional(), teamId: z.uuid().optional() }),
  z.strictObject({ ...base, type: z.literal('notify'), recipients: z.strictObject({ owner: z.boolean().default(false), userIds: z.array(z.uuid()).max(20).default([]) }), title: text(200).min(1), body: text(1000).default('') }),
  z.strictObject({ ...base, type: z.literal('send_email'), to: text(320).min(1), subject: text(200).min(1), body: text(5000).min(1) }),
  z.strictObject({ ...base, type: z.literal('http_request'), method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), url: httpUrl, headers: z.array(z.strictObject({ name: z.string().regex(/^[A-Za-z0-9-]{1,60}$/, 'Not a header name'), value: text(2000), secret: z.boolean().default(false) })).max(10).default([]), body: text(10_000).default('') }),
  z.strictObject({ ...base, type: z.literal('slack'), url: httpUrl, text: text(3000).min(1) }),
  z.strictObject({ ...base, type: z.literal('teams'), url: httpUrl, title: text(200).min(1), text: text(3000).min(1) }),
  z.strictObject({ ...base, type: z.literal('webhook_event'), message: text(500).min(1) }),
  z.strictObject({
    ...base,
    type: z.literal('approval'),
    title: text(200).min(1),
    /** Levels one after the other, or all at once. */
    mode: z.enum(['sequential', 'parallel']).default('sequential'),
    levels: z.array(approvalLevelSchema).min(1).max(5),
    allowSelfApproval: z.boolean().default(false),
    /** After this long undecided: the approvers are reminded and `escalateTo` may approve too. */
    dueHours: z.number().int().min(1).max(720).optional(),
    escalateTo: z.array(z.uuid()).max(10).default([]),
    /** Where a rejection goes (`next` is where an approval goes). */
    else: stepId.nullable().optional(),
  }),
])
export type WorkflowStep = z.infer<typeof stepSchema>
export type StepType = WorkflowStep['type']

export const STEP_TYPES: Record<StepType, { label: string, description: string, outside: boolean, outputs: readonly string[] }> = {
  condition: { label: 'Condition', description: 'Go one way or the other', outside: false, outputs: ['result'] },
  delay: { label: 'Wait', description: 'For a time, or until a date on the record', outside: false, outputs: ['until'] },
  update_record: { label: 'Update the record', description: 'Set fields of the record the run is about', outside: false, outputs: ['id', 'version'] },
  create_record: { label: 'Create a record', description: 'A task, a deal, any record type', outside: false, outputs: ['id'] },
  assign: { label: 'Assign', description: 'To a member, or round-robin in a team', outside: false, outputs: ['ownerId'] },
  notify: { label: 'Notify in the app', description: 'Under the bell, or by mail as each person chose', outside: false, outputs: ['told'] },
  send_email: { label: 'Send an email', description: 'In the workspace\'s brand', outside: true, outputs: ['to'] },
  http_request: { label: 'HTTP request', description: 'Call another system', outside: true, outputs: ['status', 'body'] },
  slack: { label: 'Slack message', description: 'Through a Slack incoming webhook', outside: true, outputs: ['status'] },
  teams: { label: 'Microsoft Teams message', description: 'Through a Teams workflow webhook', outside: true, outputs: ['status'] },
  webhook_event: { label: 'Send a webhook event', description: 'workflow.message to the workspace\'s endpoints', outside: false, outputs: ['eventId'] },
  approval: { label: 'Approval', description: 'Waits for people to approve or reject, level by level', outside: false, outputs: ['decision', 'comment', 'decidedBy'] },
}

export const workflowDefinitionSchema = z.strictObject({
  trigger: triggerSchema,
  /** The first is where a run starts. */
  steps: z.array(stepSchema).min(1).max(MAX_STEPS),
  /** Where the builder draws each step (not used by runs). */
  layout: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })).optional(),
})
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>

export const workflowInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the workflow').max(120),
  description: z.string().trim().max(500).default(''),
  definition: workflowDefinitionSchema,
})
export type WorkflowInput = z.infer<typeof workflowInputSchema>

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'stopped'] as const
export type RunStatus = typeof RUN_STATUSES[number]
export const FINISHED: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'stopped']

/** The record type a trigger's runs are about, if any. */
export function subjectType(trigger: WorkflowTrigger): RecordType | null {
  if (trigger.kind === 'manual') return trigger.recordType
  if (trigger.kind !== 'event') return null
  const data = eventDef(trigger.event)?.data
  const shape = (data as { shape?: Record<string, unknown> } | undefined)?.shape
  const literal = shape?.recordType as { value?: unknown, def?: { values?: unknown[] } } | undefined
  const value = literal?.value ?? literal?.def?.values?.[0]
  return typeof value === 'string' && (RECORD_TYPES as readonly string[]).includes(value) ? value as RecordType : null
}

/** The events a workflow may start on: record changes and the others of the catalogue (not the test event). */
export const TRIGGER_EVENTS = EVENTS.filter(e => e.type !== 'webhook.test' && e.type !== 'webhook.received')

/** `{{ path }}` occurrences in a template. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map(m => m[1]!)
}

/** Fills a template from `vars` (missing values become empty text). */
export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(vars, path)
    if (value === undefined || value === null) return ''
    return typeof value === 'object' ? JSON.stringify(value) : String(value)
  })
}

/** The value at a dotted path (`record.custom.region`). */
export function lookup(vars: Record<string, unknown>, path: string): unknown {
  let at: unknown = vars
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string, unknown>)[part]
  }
  return at
}

/** Whether a condition holds for the run's variables (`changed` reads the event's `changed` list). */
export function conditionHolds(c: Condition, vars: Record<string, unknown>): boolean {
  if (c.op === 'changed') {
    const changed = lookup(vars, 'trigger.changed')
    const key = c.field.replace(/^record\./, '')
    return Array.isArray(changed) && changed.includes(key)
  }
  const value = lookup(vars, c.field)
  const isEmpty = value === undefined || value === null || value === ''
  if (c.op === 'empty') return isEmpty
  if (c.op === 'not_empty') return !isEmpty
  const want = c.value ?? null
  const n = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN)
  switch (c.op) {
    case 'eq': return String(value ?? '') === String(want ?? '')
    case 'neq': return String(value ?? '') !== String(want ?? '')
    case 'contains': return String(value ?? '').toLowerCase().includes(String(want ?? '').toLowerCase())
    default: {
      const [a, b] = [n(value), n(want)]
      if (Number.isNaN(a) || Number.isNaN(b)) return false
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b
    }
  }
}

export interface DefinitionProblem {
  /** `trigger`, `steps.<id>` or `steps.<id>.<field>`: the builder shows it on that step. */
  path: string
  message: string
}

/** What a run may refer to, known when it is saved: the record's fields (with custom keys) and the trigger's payload. */
export interface DefinitionContext {
  /** Custom field keys per record type. */
  customFields: Partial<Record<RecordType, string[]>>
  /** Steps' outputs are checked against STEP_TYPES; receivers and members against these ids. */
  receiverIds?: string[]
}

function recordFieldKeys(type: RecordType, ctx: DefinitionContext): Set<string> {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  return new Set(['id', 'version', 'ownerId', 'createdAt', 'updatedAt', ...Object.keys(fields), ...(ctx.customFields[type] ?? []).map(k => `custom.${k}`)])
}

function writableFieldKeys(type: RecordType, ctx: DefinitionContext): Set<string> {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  return new Set([...Object.entries(fields).filter(([, f]) => !f.readOnly).map(([k]) => k), ...(ctx.customFields[type] ?? []).map(k => `custom.${k}`)])
}

/** Where a condition's "no" or an approval's rejection goes. */
export function elseOf(s: WorkflowStep): string | null | undefined {
  return s.type === 'condition' || s.type === 'approval' ? s.else : null
}

/** The steps each step can be reached after (its ancestors), or a cycle's step id. */
function ancestry(steps: WorkflowStep[]): { ancestors: Map<string, Set<string>>, cycleAt: string | null, unreachable: string[] } {
  const byId = new Map(steps.map(s => [s.id, s]))
  const successors = (s: WorkflowStep) => [s.next, elseOf(s)].filter((x): x is string => !!x && byId.has(x))
  const ancestors = new Map<string, Set<string>>(steps.map(s => [s.id, new Set<string>()]))
  let cycleAt: string | null = null
  const state = new Map<string, 'open' | 'done'>()
  const visit = (s: WorkflowStep, path: string[]) => {
    if (cycleAt) return
    if (state.get(s.id) === 'open') {
      cycleAt = s.id
      return
    }
    for (const a of path) ancestors.get(s.id)!.add(a)
    if (state.get(s.id) === 'done' && path.every(a => ancestors.get(s.id)!.has(a))) return
    state.set(s.id, 'open')
    for (const next of successors(s)) visit(byId.get(next)!, [...path, s.id])
    state.set(s.id, 'done')
  }
  visit(steps[0]!, [])
  const unreachable = steps.filter(s => !state.has(s.id)).map(s => s.id)
  return { ancestors, cycleAt, unreachable }
}

/**
 * Every problem of a definition, for the save (422) and for the builder's step badges: unknown
 * events or fields, variables that name nothing (or a step that does not come before), a cycle, a
 * step nothing leads to, a schedule that fires too often, a record step in a run about no record.
 */
export function definitionProblems(def: WorkflowDefinition, ctx: DefinitionContext, checkCron?: (cron: string, timeZone: string | undefined) => string | null): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const { trigger, steps } = def
  const subject = subjectType(trigger)
  if (trigger.kind === 'event' && !TRIGGER_EVENTS.some(e => e.type === trigger.event)) problems.push({ path: 'trigger.event', message: `No such event: ${trigger.event}` })
  if (trigger.kind === 'webhook' && ctx.receiverIds && !ctx.receiverIds.includes(trigger.receiverId)) problems.push({ path: 'trigger.receiverId', message: 'No such incoming webhook in this workspace' })
  if (trigger.kind === 'schedule' && checkCron) {
    const problem = checkCron(trigger.cron, trigger.timeZone)
    if (problem) problems.push({ path: 'trigger.cron', message: problem })
  }

  // The graph first: until its steps are distinct and joined into one that ends, nothing else can be judged.
  const structure: DefinitionProblem[] = []
  const ids = new Set<string>()
  for (const s of steps) {
    if (ids.has(s.id)) structure.push({ path: `steps.${s.id}`, message: `Two steps are called ${s.id}` })
    ids.add(s.id)
  }
  for (const s of steps) {
    for (const target of [s.next, elseOf(s)]) {
      if (target && !ids.has(target)) structure.push({ path: `steps.${s.id}.next`, message: `Leads to ${target}, which is not a step` })
      if (target === s.id) structure.push({ path: `steps.${s.id}.next`, message: 'Leads to itself' })
    }
  }
  if (structure.length) return structure
  const { ancestors, cycleAt, unreachable } = ancestry(steps)
  if (cycleAt) return [{ path: `steps.${cycleAt}`, message: 'The steps go round in a circle here; a workflow must end' }]
  for (const id of unreachable) problems.push({ path: `steps.${id}`, message: 'No step leads here' })

  const checkVariable = (at: string, path: string, stepIdOf: string) => {
    const [root, ...rest] = path.split('.')
    const tail = rest.join('.')
    if (root === 'record') {
      if (!subject) problems.push({ path: at, message: `{{${path}}}: this workflow's runs are about no record` })
      else if (!recordFieldKeys(subject, ctx).has(tail)) problems.push({ path: at, message: `{{${path}}}: ${RECORDS[subject].label} have no field ${tail}` })
    }
    else if (root === 'steps') {
      const [id, output] = rest
      const step = steps.find(s => s.id === id)
      if (!step) problems.push({ path: at, message: `{{${path}}}: there is no step ${id}` })
      else if (!ancestors.get(stepIdOf)?.has(id!)) problems.push({ path: at, message: `{{${path}}}: step ${id} does not run before this one` })
      else if (!output || !STEP_TYPES[step.type].outputs.some(o => output === o || output.startsWith(`${o}.`))) problems.push({ path: at, message: `{{${path}}}: step ${id} gives ${STEP_TYPES[step.type].outputs.join(', ')}` })
    }
    else if (root === 'trigger') {
      if (!tail) problems.push({ path: at, message: `{{${path}}}: name a part of the trigger` })
    }
    else if (!['workspace.name', 'run.id', 'now'].includes(path)) {
      problems.push({ path: at, message: `{{${path}}}: unknown variable (use record., trigger., steps., workspace.name, run.id or now)` })
    }
  }
  const checkConditions = (at: string, conditions: Condition[], stepIdOf: string) => {
    conditions.forEach((c, i) => {
      if (c.op === 'changed' && !(trigger.kind === 'event' && trigger.event.endsWith('.updated'))) problems.push({ path: `${at}.${i}`, message: '"changed" needs an "updated" event as the trigger' })
      checkVariable(`${at}.${i}`, c.field, stepIdOf)
      if (!UNARY.includes(c.op) && c.value === undefined) problems.push({ path: `${at}.${i}`, message: 'Give a value to compare with' })
    })
  }
  if (trigger.kind === 'event' || trigger.kind === 'webhook') checkConditions('trigger.conditions', trigger.conditions, '')
  for (const s of steps) {
    const at = `steps.${s.id}`
    const templates: [string, string][] = []
    switch (s.type) {
      case 'condition':
        checkConditions(`${at}.conditions`, s.conditions, s.id)
        break
      case 'delay':
        if ((s.seconds === undefined) === (s.untilField === undefined)) problems.push({ path: at, message: 'Wait either for a time or until a date field' })
        if (s.untilField) checkVariable(`${at}.untilField`, s.untilField, s.id)
        break
      case 'update_record':
      case 'create_record': {
        const type = s.type === 'create_record' ? s.recordType : subject
        if (!type) {
          problems.push({ path: at, message: 'This workflow\'s runs are about no record to update' })
          break
        }
        const writable = writableFieldKeys(type, ctx)
        if (!Object.keys(s.fields).length) problems.push({ path: `${at}.fields`, message: 'Set at least one field' })
        for (const [key, value] of Object.entries(s.fields)) {
          if (!writable.has(key)) problems.push({ path: `${at}.fields.${key}`, message: `${RECORDS[type].label} have no field ${key} that can be set` })
          templates.push([`${at}.fields.${key}`, value])
        }
        break
      }
      case 'assign':
        if (!subject) problems.push({ path: at, message: 'This workflow\'s runs are about no record to assign' })
        if (s.mode === 'user' && !s.userId) problems.push({ path: `${at}.userId`, message: 'Choose the member' })
        if (s.mode === 'round_robin' && !s.teamId) problems.push({ path: `${at}.teamId`, message: 'Choose the team' })
        break
      case 'notify':
        if (!s.recipients.owner && !s.recipients.userIds.length) problems.push({ path: `${at}.recipients`, message: 'Choose who is told' })
        if (s.recipients.owner && !subject) problems.push({ path: `${at}.recipients`, message: 'The runs are about no record, so there is no owner to tell' })
        templates.push([`${at}.title`, s.title], [`${at}.body`, s.body])
        break
      case 'send_email':
        templates.push([`${at}.to`, s.to], [`${at}.subject`, s.subject], [`${at}.body`, s.body])
        break
      case 'http_request':
        templates.push([`${at}.url`, s.url], [`${at}.body`, s.body], ...s.headers.filter(h => !h.secret).map((h): [string, string] => [`${at}.headers.${h.name}`, h.value]))
        break
      case 'slack':
        templates.push([`${at}.text`, s.text])
        break
      case 'teams':
        templates.push([`${at}.title`, s.title], [`${at}.text`, s.text])
        break
      case 'webhook_event':
        templates.push([`${at}.message`, s.message])
        break
      case 'approval':
        templates.push([`${at}.title`, s.title])
        s.levels.forEach((level, i) => {
          const a = level.approvers
          if (!a.userIds.length && !a.roleKeys.length && !a.teamIds.length && !a.ownerTeamLeads) problems.push({ path: `${at}.levels.${i}`, message: 'Choose who approves at this level' })
          if (a.ownerTeamLeads && !subject) problems.push({ path: `${at}.levels.${i}`, message: 'The runs are about no record, so there is no owner whose team to ask' })
          if (typeof level.quorum === 'number' && !a.roleKeys.length && !a.teamIds.length && !a.ownerTeamLeads && level.quorum > a.userIds.length) problems.push({ path: `${at}.levels.${i}.quorum`, message: `Needs ${level.quorum} approvals from ${a.userIds.length} approver(s)` })
        })
        break
    }
    for (const [path, template] of templates) {
      for (const v of templateVariables(template)) checkVariable(path, v, s.id)
    }
  }
  return problems
}

export interface WorkflowSummary {
  id: string
  name: string
  description: string
  enabled: boolean
  version: number
  trigger: WorkflowTrigger
  stepCount: number
  nextRunAt: string | null
  lastRun: { id: string, status: RunStatus, startedAt: string } | null
  updatedAt: string
}

/** What the plan allows of automation and what is used of it, with the workspace's run retention. */
export interface AutomationAllowance {
  activeWorkflows: { used: number, limit: number | null }
  /** Runs started since the 1st of the month (UTC); the count starts again at `resetsAt`. */
  runsThisMonth: { used: number, limit: number | null, resetsAt: string }
  /** Days finished runs are kept. */
  runRetentionDays: number
}

/** GET /api/workflows */
export interface WorkflowList {
  items: WorkflowSummary[]
  allowance: AutomationAllowance
  /** The names of the incoming webhooks the workflows start on (for their words, to anyone who may read workflows). */
  receivers: { id: string, name: string }[]
}

export const RUN_RETENTION_RANGE = { min: 7, max: 365, default: 90 } as const

/** PUT /api/workflows/settings */
export const automationSettingsSchema = z.strictObject({
  runRetentionDays: z.number({ message: 'must be a number of days' }).int('must be a whole number of days')
    .min(RUN_RETENTION_RANGE.min, `must be at least ${RUN_RETENTION_RANGE.min} days`).max(RUN_RETENTION_RANGE.max, `must be at most ${RUN_RETENTION_RANGE.max} days`),
})
export type AutomationSettings = z.infer<typeof automationSettingsSchema>

export interface WorkflowDetail extends WorkflowSummary {
  definition: WorkflowDefinition
  problems: DefinitionProblem[]
}

export interface RunStepRow {
  stepId: string
  type: StepType
  status: 'succeeded' | 'failed' | 'waiting' | 'retrying'
  input: unknown
  output: unknown
  error: string | null
  attempts: number
  startedAt: string
  durationMs: number
}

export interface RunRow {
  id: string
  workflowId: string
  workflowName: string
  version: number
  status: RunStatus
  triggerKind: TriggerKind
  /** The record the run is about; its title where the reader may see the record. */
  record: { type: RecordType, id: string, title: string | null } | null
  depth: number
  currentStep: string | null
  error: string | null
  resumeAt: string | null
  startedAt: string
  finishedAt: string | null
}

export interface RunDetail extends RunRow {
  steps: RunStepRow[]
  definition: WorkflowDefinition
}

export const runsQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  workflowId: z.uuid().optional(),
  recordType: z.enum(RECORD_TYPES).optional(),
  recordId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type RunsQuery = z.infer<typeof runsQuerySchema>

export const manualRunSchema = z.strictObject({ recordIds: z.array(z.uuid()).min(1).max(100) })
export const testRunSchema = z.strictObject({ recordId: z.uuid().optional(), definition: workflowDefinitionSchema.optional() })
/** A dry run of a workflow not saved yet: its definition is all there is. */
export const unsavedTestRunSchema = testRunSchema.required({ definition: true })
export const enableSchema = z.strictObject({ enabled: z.boolean() })

/** What a dry run says a step would do. */
export interface DryRunStep {
  stepId: string
  type: StepType
  would: string
  input: unknown
  problem: string | null
}

export const workflowParamsSchema = z.object({ id: z.uuid('must be a workflow id') })
export const runParamsSchema = z.object({ id: z.uuid('must be a run id') })
export const schedulePreviewSchema = z.strictObject({ cron: z.string().min(1).max(100), timeZone: z.string().max(60).optional() })
