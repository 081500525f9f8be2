import { and, asc, eq } from 'drizzle-orm'
import type { z } from 'zod'
import { teamMembers, users, workflowRoundRobin } from '#drizzle/schema'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import { recordCreateSchemas, recordPatchSchemas } from '#shared/schemas/records'
import type { WorkflowStep } from '#shared/workflows'
import { conditionHolds, lookup, renderTemplate } from '#shared/workflows'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { createRecord, updateRecord } from '#server/services/crm/records/write'
import { findRecord } from '#server/services/crm/records/read'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { notify } from '#server/services/notifications/notifications'

/**
 * What each step does. Steps inside the workspace (records, notices, events) run in the
 * transaction that records them, so their effect and its record commit together: exactly once.
 * Steps that call out (mail, HTTP, Slack, Teams) run outside it and are recorded after; should the
 * recording not happen, the step is sent again with the same idempotency key (`<run>:<step>`).
 */

/** A step that failed: `passing` failures (network, 5xx, 429) are tried again; the others end the run. */
export class StepFailure extends Error {
  constructor(message: string, readonly passing = false, readonly output: unknown = null) {
    super(message)
  }
}

/** The run as a step sees it. */
export interface StepRun {
  id: string
  workflowId: string
  recordType: RecordType | null
  recordId: string | null
  vars: Record<string, unknown>
  /** Whose name record writes carry: the member who last saved the workflow, seeing every record (null: nobody left to act for). */
  actor: RecordActor | null
}

/** The member a record step acts for; a workflow saved by no one still here cannot touch records. */
function actorOf(run: StepRun): RecordActor {
  if (!run.actor) throw new StepFailure('The workflow has no member to act for; save it again')
  return run.actor
}

export interface StepResult {
  input: unknown
  output: Record<string, unknown>
  /** For a condition: which way; for a delay: until when. */
  branch?: 'yes' | 'no'
  waitUntil?: Date
  /** The run waits at this step until then (or until something wakes it), instead of going on. */
  stay?: Date
}

/** Text from a template into the type a field holds (numbers for number and money fields; empty is null). */
function fieldValues(type: RecordType, templates: Record<string, string>, vars: Record<string, unknown>): Record<string, unknown> {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const values: Record<string, unknown> = {}
  const custom: Record<string, unknown> = {}
  for (const [key, template] of Object.entries(templates)) {
    const text = renderTemplate(template, vars).trim()
    if (key.startsWith('custom.')) {
      custom[key.slice(7)] = text === '' ? null : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text
      continue
    }
    const kind = fields[key]?.kind
    values[key] = text === '' ? null : kind === 'number' || kind === 'money' ? Number(text) : text
  }
  if (Object.keys(custom).length) values.custom = custom
  return values
}

function parsed(schema: z.ZodType, values: unknown): Record<string, unknown> {
  const result = schema.safeParse(values)
  if (result.success) return result.data as Record<string, unknown>
  const issue = result.error.issues[0]!
  throw new StepFailure(`The values do not fit: ${issue.path.join('.') || 'record'} ${issue.message}`)
}

function subjectOf(run: StepRun): { type: RecordType, id: string } {
  if (!run.recordType || !run.recordId) throw new StepFailure('This run is about no record')
  return { type: run.recordType, id: run.recordId }
}

/** A record write's refusal (a 4xx of the records service) as the step's failure. */
async function recordWrite<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  }
  catch (error) {
    const e = error as { statusCode?: number, message?: string, data?: { issues?: { path: string, message: string }[] } }
    if (e.statusCode && e.statusCode < 500) {
      const issue = e.data?.issues?.[0]
      throw new StepFailure(issue ? `${e.message} (${issue.path}: ${issue.message})` : e.message ?? 'Refused')
    }
    throw error
  }
}

/** The next member of a team after the one given last (by id, so the order is stable), remembered per workflow. */
async function nextInTeam(scope: TenantScope, workflowId: string, teamId: string): Promise<string> {
  const members = await scope.tx.select({ id: users.id }).from(teamMembers)
    .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
    .where(scope.where(teamMembers, eq(teamMembers.teamId, teamId), eq(users.status, 'active'))).orderBy(asc(users.id))
  if (!members.length) throw new StepFailure('The team has no active member to assign to')
  // The row exists before it is locked, so two runs at once take turns even the first time.
  await scope.tx.insert(workflowRoundRobin).values(scope.values(workflowRoundRobin, [{ workflowId, teamId, lastUserId: null }])).onConflictDoNothing()
  const [state] = await scope.tx.select({ last: workflowRoundRobin.lastUserId }).from(workflowRoundRobin)
    .where(scope.where(workflowRoundRobin, eq(workflowRoundRobin.workflowId, workflowId), eq(workflowRoundRobin.teamId, teamId))).for('update')
  const after = members.findIndex(m => m.id === state?.last)
  const chosen = members[(after + 1) % members.length]!.id
  await scope.tx.insert(workflowRoundRobin).values(scope.values(workflowRoundRobin, [{ workflowId, teamId, lastUserId: chosen }]))
    .onConflictDoUpdate({ target: [workflowRoundRobin.tenantId, workflowRoundRobin.workflowId, workflowRoundRobin.teamId], set: { lastUserId: chosen } })
  return chosen
}

/** Runs a step that stays inside the workspace, in the transaction that records it. */
export async function runInsideStep(scope: TenantScope, run: StepRun, step: WorkflowStep, vars: Record<string, unknown>): Promise<StepResult> {
  switch (step.type) {
    case 'condition': {
      const results = step.conditions.map(c => conditionHolds(c, vars))
      const result = step.match === 'any' ? results.some(Boolean) : results.every(Boolean)
      return { input: { conditions: step.conditions, match: step.match }, output: { result }, branch: result ? 'yes' : 'no' }
    }
    case 'delay': {
      let until: Date
      if (step.seconds !== undefined) until = new Date(Date.now() + step.seconds * 1000)
      else {
        const raw = lookup(vars, step.untilField!)
        until = new Date(typeof raw === 'string' || typeof raw === 'number' ? raw : Number.NaN)
        if (Number.isNaN(until.getTime())) throw new StepFailure(`${step.untilField} holds no date to wait for`)
      }
      return { input: step.seconds !== undefined ? { seconds: step.seconds } : { untilField: step.untilField }, output: { until: until.toISOString() }, waitUntil: until }
    }
    case 'update_record': {
      const { type, id } = subjectOf(run)
      const values = fieldValues(type, step.fields, vars)
      const current = await recordWrite(() => findRecord(scope, actorOf(run), type, id))
      const patch = parsed(recordPatchSchemas[type], { ...values, version: current.version }) as Record<string, unknown> & { version: number }
      const record = await recordWrite(() => updateRecord(scope, actorOf(run), type, id, patch))
      return { input: values, output: { id: record.id, version: record.version } }
    }
    case 'create_record': {
      const values = fieldValues(step.recordType, step.fields, vars)
      const input = parsed(recordCreateSchemas[step.recordType], values)
      const record = await recordWrite(() => createRecord(scope, actorOf(run), step.recordType, input))
      return { input: values, output: { id: record.id } }
    }
    case 'assign': {
      const { type, id } = subjectOf(run)
      const ownerId = step.mode === 'user' ? step.userId! : await nextInTeam(scope, run.workflowId, step.teamId!)
      const current = await recordWrite(() => findRecord(scope, actorOf(run), type, id))
      await recordWrite(() => updateRecord(scope, actorOf(run), type, id, { ownerId, version: current.version }))
      return { input: { mode: step.mode, teamId: step.teamId ?? null }, output: { ownerId } }
    }
    case 'notify': {
      const userIds = [...step.recipients.userIds]
      let link: string | null = null
      if (step.recipients.owner || run.recordId) {
        const { type, id } = subjectOf(run)
        link = `/${type}/${id}`
        if (step.recipients.owner) {
          const current = await recordWrite(() => findRecord(scope, actorOf(run), type, id))
          if (current.ownerId) userIds.push(current.ownerId)
        }
      }
      const title = renderTemplate(step.title, vars).slice(0, 200)
      const body = renderTemplate(step.body, vars).slice(0, 1000)
      const told = await notify(scope, { userIds, kind: 'workflow', title, body: body || null, link, actorId: null })
      return { input: { userIds, title, body }, output: { told } }
    }
    case 'webhook_event': {
      const message = renderTemplate(step.message, vars).slice(0, 500)
      const record = run.recordType && run.recordId ? { type: run.recordType, id: run.recordId } : null
      const [eventId] = await scope.emit('workflow.message', { workflowId: run.workflowId, runId: run.id, message, record })
      return { input: { message }, output: { eventId } }
    }
    default:
      throw new Error(`Step ${step.type} calls out; it does not run in a transaction`)
  }
}

const TIMEOUT_MS = 15_000

/** An outside call's answer as the step's result: 2xx passes; 408, 429 and 5xx are tried again; other answers end the run. */
async function call(url: string, init: { method: string, headers: Record<string, string>, body?: string }): Promise<{ status: number, body: unknown }> {
  let answer
  try {
    answer = await outboundRequest(url, { ...init, timeoutMs: TIMEOUT_MS, keepBytes: 4096 })
  }
  catch (error) {
    if (error instanceof OutboundRefused) throw new StepFailure(`Refused: the URL ${error.message}`)
    throw new StepFailure(`Could not reach ${new URL(url).host}: ${(error as Error).message || 'connection failed'}`, true)
  }
  let body: unknown = answer.body
  try {
    body = answer.body ? JSON.parse(answer.body) : null
  }
  catch { /* kept as text */ }
  if (answer.status >= 200 && answer.status < 300) return { status: answer.status, body }
  const passing = answer.status === 408 || answer.status === 429 || answer.status >= 500
  const excerpt = answer.body ? `: ${answer.body.slice(0, 200)}` : ''
  throw new StepFailure(answer.status >= 300 && answer.status < 400 ? `Answered ${answer.status}; redirects are not followed` : `Answered ${answer.status}${excerpt}`, passing, { status: answer.status, body })
}

/** Runs a step that calls out; `key` (`<run>:<step>`) goes with it, the same on every try. */
export async function runOutsideStep(tenant: TenantContext, step: WorkflowStep, vars: Record<string, unknown>, key: string): Promise<StepResult> {
  const json = { 'content-type': 'application/json', 'idempotency-key': key }
  switch (step.type) {
    case 'http_request': {
      const url = renderTemplate(step.url, vars)
      const headers: Record<string, string> = { ...json }
      for (const h of step.headers) headers[h.name.toLowerCase()] = h.secret ? openSecret(h.value) : renderTemplate(h.value, vars)
      const body = step.method === 'GET' || step.method === 'DELETE' ? undefined : renderTemplate(step.body, vars)
      const shown = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, step.headers.some(h => h.secret && h.name.toLowerCase() === k) ? '••••••••' : v]))
      const answer = await call(url, { method: step.method, headers, body })
      return { input: { method: step.method, url, headers: shown, body: body ?? null }, output: answer }
    }
    case 'slack': {
      const text = renderTemplate(step.text, vars)
      const body = JSON.stringify({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] })
      const answer = await call(step.url, { method: 'POST', headers: json, body })
      return { input: { text }, output: { status: answer.status } }
    }
    case 'teams': {
      const title = renderTemplate(step.title, vars)
      const text = renderTemplate(step.text, vars)
      const card = {
        type: 'message',
        attachments: [{
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true }, { type: 'TextBlock', text, wrap: true }],
          },
        }],
      }
      const answer = await call(step.url, { method: 'POST', headers: json, body: JSON.stringify(card) })
      return { input: { title, text }, output: { status: answer.status } }
    }
    case 'send_email': {
      const to = renderTemplate(step.to, vars).trim()
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw new StepFailure(`"${to}" is not an email address`)
      const subject = renderTemplate(step.subject, vars).slice(0, 200)
      const text = renderTemplate(step.body, vars)
      const origin = workspaceOrigin(tenant)
      const button = `Open ${tenant.name}`
      try {
        await sendMail(null, { ...brandedNotice(tenant, origin, { to, subject, text, action: button, url: origin }), fromName: tenant.name })
      }
      catch (error) {
        throw new StepFailure(`The mail could not be sent: ${(error as Error).message}`, true)
      }
      return { input: { to, subject }, output: { to } }
    }
    default:
      throw new Error(`Step ${step.type} runs inside the workspace`)
  }
}
