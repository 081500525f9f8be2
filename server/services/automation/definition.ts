import { CronExpressionParser } from 'cron-parser'
import { and, eq, inArray } from 'drizzle-orm'
import { customFields, teams, users, webhookReceivers } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { DefinitionProblem, WorkflowDefinition } from '#shared/workflows'
import { MIN_SCHEDULE_MINUTES, definitionProblems, subjectType } from '#shared/workflows'
import type { TenantScope } from '#server/utils/tenant-db'

/** The next `count` times a cron expression fires after `after`, in a time zone. */
export function nextFires(cron: string, timeZone: string, count: number, after = new Date()): Date[] {
  const it = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: after })
  return Array.from({ length: count }, () => it.next().toDate())
}

/**
 * Why a cron expression cannot be used: not five fields or not a schedule (`wrong`), or two of its
 * next `count` times closer than `minMinutes` (`often`); null when it is fine.
 */
export function cronCheck(cron: string, timeZone: string, minMinutes: number, count = 6): { kind: 'wrong' | 'often', message: string } | null {
  if (cron.trim().split(/\s+/).length !== 5) return { kind: 'wrong', message: 'Write five fields: minute, hour, day of month, month, day of week' }
  let fires: Date[]
  try {
    fires = nextFires(cron, timeZone, count)
  }
  catch (error) {
    return { kind: 'wrong', message: `Not a schedule: ${(error as Error).message}` }
  }
  for (let i = 1; i < fires.length; i++) {
    if (fires[i]!.getTime() - fires[i - 1]!.getTime() < minMinutes * 60_000) return { kind: 'often', message: `Fires more often than once every ${minMinutes} minutes` }
  }
  return null
}

/** Why a workflow's schedule cannot be used (wrong, or firing more often than MIN_SCHEDULE_MINUTES), or null. */
export function cronProblem(cron: string, timeZone: string): string | null {
  return cronCheck(cron, timeZone, MIN_SCHEDULE_MINUTES)?.message ?? null
}

/** The next five times a schedule fires in its time zone, or why it cannot be used. */
export function schedulePreview(cron: string, timeZone: string): { next: string[], problem: string | null, timeZone: string } {
  const problem = cronProblem(cron, timeZone)
  return { next: problem ? [] : nextFires(cron, timeZone, 5).map(d => d.toISOString()), problem, timeZone }
}

/** The time zone a schedule runs in: its own, or the workspace's. */
export function scheduleTimeZone(scope: TenantScope, timeZone: string | undefined): string {
  return timeZone ?? scope.request.tenant?.preferences?.timeZone ?? 'UTC'
}

/**
 * Every problem of a definition in this workspace: the shared checks (graph, fields, variables)
 * with its custom fields, receivers and schedule, plus members and teams that steps name.
 */
export async function checkDefinition(scope: TenantScope, def: WorkflowDefinition): Promise<DefinitionProblem[]> {
  const [fields, receivers] = await Promise.all([
    scope.tx.select({ recordType: customFields.recordType, key: customFields.key }).from(customFields).where(scope.where(customFields)),
    scope.tx.select({ id: webhookReceivers.id }).from(webhookReceivers).where(scope.where(webhookReceivers)),
  ])
  const custom: Partial<Record<RecordType, string[]>> = {}
  for (const f of fields) (custom[f.recordType as RecordType] ??= []).push(f.key)
  const problems = definitionProblems(def, { customFields: custom, receiverIds: receivers.map(r => r.id) },
    (cron, tz) => cronProblem(cron, scheduleTimeZone(scope, tz)))

  const userIds = new Set<string>()
  const teamIds = new Set<string>()
  for (const s of def.steps) {
    if (s.type === 'assign' && s.userId) userIds.add(s.userId)
    if (s.type === 'assign' && s.teamId) teamIds.add(s.teamId)
    if (s.type === 'notify') s.recipients.userIds.forEach(id => userIds.add(id))
  }
  const [knownUsers, knownTeams] = await Promise.all([
    userIds.size ? scope.tx.select({ id: users.id }).from(users).where(scope.where(users, inArray(users.id, [...userIds]), eq(users.status, 'active'))) : [],
    teamIds.size ? scope.tx.select({ id: teams.id }).from(teams).where(and(scope.where(teams, inArray(teams.id, [...teamIds])))) : [],
  ])
  const hasUser = new Set(knownUsers.map(u => u.id))
  const hasTeam = new Set(knownTeams.map(t => t.id))
  for (const s of def.steps) {
    if (s.type === 'assign' && s.userId && !hasUser.has(s.userId)) problems.push({ path: `steps.${s.id}.userId`, message: 'Not an active member of this workspace' })
    if (s.type === 'assign' && s.teamId && !hasTeam.has(s.teamId)) problems.push({ path: `steps.${s.id}.teamId`, message: 'No such team in this workspace' })
    if (s.type === 'notify' && s.recipients.userIds.some(id => !hasUser.has(id))) problems.push({ path: `steps.${s.id}.recipients`, message: 'Someone chosen is not an active member of this workspace' })
  }
  // Records of a module the workspace does not have: neither started on nor made.
  const features = scope.request.tenant?.features
  if (!features) return problems
  const subject = subjectType(def.trigger)
  if (subject && !features[RECORDS[subject].feature]) problems.push({ path: 'trigger', message: `${RECORDS[subject].label} are not part of this workspace's plan` })
  for (const s of def.steps) {
    if (s.type === 'create_record' && !features[RECORDS[s.recordType].feature]) problems.push({ path: `steps.${s.id}.recordType`, message: `${RECORDS[s.recordType].label} are not part of this workspace's plan` })
  }
  return problems
}

/** The 422 a save gets for a definition with problems: each problem with its path. */
export function definitionRefused(problems: DefinitionProblem[]) {
  return apiError(422, 'VALIDATION_FAILED', `The workflow cannot be saved: ${problems[0]!.path} — ${problems[0]!.message}`, problems)
}
