import { randomBytes } from 'node:crypto'
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { approvalDecisions, approvalDelegations, approvalLinks, approvalRequests, roles, teamMembers, teams, users, workflowRuns } from '#drizzle/schema'
import type { ApprovalLevelState } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { Approvers, WorkflowStep } from '#shared/workflows'
import { renderTemplate } from '#shared/workflows'
import type { ApprovalDetail, ApprovalRow, ApprovalsQuery, Delegation } from '#shared/approvals'
import type { Mail } from '#server/utils/mailer'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { notify } from '#server/services/notifications/notifications'
import type { StepResult, StepRun } from './steps'
import { StepFailure } from './steps'
import { kickWorkflows } from './queue'

/**
 * Approval chains: an `approval` step opens a request whose levels are resolved to members at that
 * moment (named members, roles, teams, the managers in the record owner's teams; a member away
 * hands over to their delegate), tells them (under the bell, and by a mail with single-use approve
 * and reject links), and makes its run wait. Each decision is one row per approver and level, so a
 * decision is taken once whichever way it arrives. A level is approved once its quorum approves,
 * rejected once its quorum can no longer be reached; the request follows its levels (one after
 * the other, or all at once), and its outcome sends the run on the step's approved or rejected way.
 */

type Step = Extract<WorkflowStep, { type: 'approval' }>
type Request = typeof approvalRequests.$inferSelect

const LINK_DAYS = 7
/** An undecided request without a due time is looked at again after this long. */
const RECHECK_DAYS = 30

/**
 * The record owner's team leads: for each team the owner is in, its lead (still a member of it); where
 * the owner leads the team, the parent team's lead; where there is no lead to ask, the team's
 * members holding the manager or admin role. Never the owner.
 */
async function ownerTeamLeads(scope: TenantScope, ownerId: string): Promise<string[]> {
  const all = await scope.tx.select({ id: teams.id, parentId: teams.parentId, leadUserId: teams.leadUserId }).from(teams).where(scope.where(teams))
  const mine = await scope.tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(scope.where(teamMembers, eq(teamMembers.userId, ownerId)))
  if (!mine.length) return []
  const byId = new Map(all.map(t => [t.id, t]))
  const leadOf = async (teamId: string | null): Promise<string | null> => {
    const lead = teamId ? byId.get(teamId)?.leadUserId : null
    if (!teamId || !lead) return null
    const [still] = await scope.tx.select({ id: teamMembers.userId }).from(teamMembers).where(scope.where(teamMembers, eq(teamMembers.teamId, teamId), eq(teamMembers.userId, lead))).limit(1)
    return still ? lead : null
  }
  const found = new Set<string>()
  const leaderless: string[] = []
  for (const { teamId } of mine) {
    let lead = await leadOf(teamId)
    if (lead === ownerId) lead = await leadOf(byId.get(teamId)?.parentId ?? null)
    if (lead && lead !== ownerId) found.add(lead)
    else leaderless.push(teamId)
  }
  if (leaderless.length) {
    const managers = await scope.tx.select({ id: users.id }).from(teamMembers)
      .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
      .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
      .where(scope.where(teamMembers, inArray(teamMembers.teamId, leaderless), inArray(roles.key, ['manager', 'admin'])))
    for (const m of managers) if (m.id !== ownerId) found.add(m.id)
  }
  return [...found]
}

async function resolveApprovers(scope: TenantScope, a: Approvers, ownerId: string | null): Promise<string[]> {
  const ids = new Set(a.userIds)
  if (a.roleKeys.length) {
    const holders = await scope.tx.select({ id: users.id }).from(users)
      .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
      .where(scope.where(users, inArray(roles.key, a.roleKeys)))
    holders.forEach(h => ids.add(h.id))
  }
  if (a.teamIds.length) {
    const members = await scope.tx.select({ id: teamMembers.userId }).from(teamMembers).where(scope.where(teamMembers, inArray(teamMembers.teamId, a.teamIds)))
    members.forEach(m => ids.add(m.id))
  }
  if (a.ownerTeamLeads && ownerId) for (const id of await ownerTeamLeads(scope, ownerId)) ids.add(id)
  if (!ids.size) return []
  const active = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, inArray(users.id, [...ids]), eq(users.status, 'active')))
  return active.map(u => u.id).sort()
}

/** Active delegations of these members: approver → delegate. */
async function delegatesOf(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await scope.tx.select({ userId: approvalDelegations.userId, delegateId: approvalDelegations.delegateId }).from(approvalDelegations)
    .innerJoin(users, and(eq(users.tenantId, approvalDelegations.tenantId), eq(users.id, approvalDelegations.delegateId), eq(users.status, 'active')))
    .where(scope.where(approvalDelegations, inArray(approvalDelegations.userId, ids), gt(approvalDelegations.until, sql`now()`)))
  return new Map(rows.map(r => [r.userId, r.delegateId]))
}

const openLevels = (req: Pick<Request, 'levels'>) => req.levels.map((l, i) => [l, i] as const).filter(([l]) => l.status === 'open')
const mayDecide = (l: ApprovalLevelState) => [...l.approverIds, ...l.escalatedIds]

/** Tells members of open levels, under the bell and by a mail with their own approve and reject links (sent once the transaction commits). */
async function ask(scope: TenantScope, tenant: TenantContext, req: Request, who: { userId: string, level: number }[], reminder = false): Promise<void> {
  if (!who.length) return
  const link = `/approvals/${req.id}`
  const title = `${reminder ? 'Reminder: ' : ''}Approval needed: ${req.title}`
  await notify(scope, { userIds: who.map(w => w.userId), kind: 'approval', title, body: null, link, actorId: null })
  const people = await scope.tx.select({ id: users.id, email: users.email }).from(users).where(scope.where(users, inArray(users.id, who.map(w => w.userId))))
  const origin = workspaceOrigin(tenant)
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000)
  const links = who.map(w => ({ ...w, token: randomBytes(24).toString('base64url') }))
  await scope.tx.insert(approvalLinks).values(scope.values(approvalLinks, links.map(l => ({ tokenHash: hashToken(l.token), requestId: req.id, userId: l.userId, level: l.level, expiresAt }))))
  const text = `${req.title}\n\nOpen the link to approve or reject, with a comment if you like. It works once and for ${LINK_DAYS} days; the request is also in your Approvals inbox.`
  const mails: Mail[] = []
  for (const l of links) {
    const email = people.find(p => p.id === l.userId)?.email
    if (email) mails.push({ ...brandedNotice(tenant, origin, { to: email, subject: title, text, action: 'Approve or reject', url: `${origin}/approvals/decide?token=${l.token}` }), fromName: tenant.name })
  }
  scope.afterCommit(() => {
    for (const mail of mails) sendMail(null, mail).catch(error => logger().warn({ cause: (error as Error).message }, 'approvals: could not mail an approver'))
  })
}

/** Who asked: the member whose change or click started the run. */
const requesterOf = (vars: Record<string, unknown>) => (typeof vars.startedBy === 'string' ? vars.startedBy : null)

/**
 * The approval step, in the run's transaction: the first time it opens the request and waits; while
 * undecided it waits (reminding and escalating once its due time passes); once decided it answers
 * the outcome, which sends the run on.
 */
export async function approvalStep(scope: TenantScope, tenant: TenantContext, run: StepRun, step: Step, vars: Record<string, unknown>): Promise<StepResult> {
  const [req] = await scope.tx.select().from(approvalRequests).where(scope.where(approvalRequests, eq(approvalRequests.runId, run.id), eq(approvalRequests.stepId, step.id))).for('update')
  if (req && req.status !== 'pending') {
    const [last] = await scope.tx.select().from(approvalDecisions).where(scope.where(approvalDecisions, eq(approvalDecisions.requestId, req.id))).orderBy(desc(approvalDecisions.createdAt)).limit(1)
    return { input: { requestId: req.id }, output: { decision: req.status, comment: last?.comment ?? '', decidedBy: last?.userId ?? null, requestId: req.id }, branch: req.status === 'approved' ? 'yes' : 'no' }
  }
  const recheck = () => new Date(Date.now() + RECHECK_DAYS * 86_400_000)
  if (req) {
    if (req.dueAt && req.dueAt.getTime() <= Date.now() && !req.escalatedAt) return escalate(scope, tenant, req, step)
    return { input: { requestId: req.id }, output: { requestId: req.id }, stay: req.dueAt && req.dueAt.getTime() > Date.now() ? req.dueAt : recheck() }
  }
  const ownerId = run.recordType && run.recordId && typeof (run.vars.record as { ownerId?: unknown } | null)?.ownerId === 'string' ? (run.vars.record as { ownerId: string }).ownerId : null
  const requesterId = requesterOf(run.vars)
  const levels: ApprovalLevelState[] = []
  for (const [i, level] of step.levels.entries()) {
    const resolved = (await resolveApprovers(scope, level.approvers, ownerId)).filter(id => step.allowSelfApproval || id !== requesterId)
    const delegates = await delegatesOf(scope, resolved)
    const onBehalfOf: Record<string, string> = {}
    const approverIds = [...new Set(resolved.map((id) => {
      const d = delegates.get(id)
      if (d && (step.allowSelfApproval || d !== requesterId)) {
        onBehalfOf[d] = id
        return d
      }
      return id
    }))]
    const name = level.name || `Level ${i + 1}`
    if (!approverIds.length) throw new StepFailure(`${name} has no possible approver${requesterId && !step.allowSelfApproval ? ' (the requester may not approve their own)' : ''}`)
    const needed = level.quorum === 'any' ? 1 : level.quorum === 'all' ? approverIds.length : level.quorum
    if (needed > approverIds.length) throw new StepFailure(`${name} needs ${needed} approvals but has ${approverIds.length} possible approver(s)`)
    levels.push({ name, needed, approverIds, onBehalfOf, escalatedIds: [], status: step.mode === 'parallel' || i === 0 ? 'open' : 'waiting' })
  }
  const dueAt = step.dueHours ? new Date(Date.now() + step.dueHours * 3_600_000) : null
  const [created] = await scope.tx.insert(approvalRequests).values(scope.values(approvalRequests, [{
    runId: run.id, stepId: step.id, workflowId: run.workflowId, title: renderTemplate(step.title, vars).slice(0, 200), recordType: run.recordType, recordId: run.recordId,
    requesterId, mode: step.mode, allowSelfApproval: step.allowSelfApproval, levels, dueAt,
  }])).returning()
  await ask(scope, tenant, created!, openLevels(created!).flatMap(([l, level]) => l.approverIds.map(userId => ({ userId, level }))))
  return { input: { levels: levels.map(l => ({ name: l.name, needed: l.needed, approvers: l.approverIds.length })) }, output: { requestId: created!.id }, stay: dueAt ?? recheck() }
}

/** Past the due time: the undecided approvers are reminded and the escalation members may decide too. */
async function escalate(scope: TenantScope, tenant: TenantContext, req: Request, step: Step): Promise<StepResult> {
  const decided = await scope.tx.select({ userId: approvalDecisions.userId, level: approvalDecisions.level }).from(approvalDecisions).where(scope.where(approvalDecisions, eq(approvalDecisions.requestId, req.id)))
  const levels = req.levels.map(l => ({ ...l }))
  const extra = step.escalateTo.length ? (await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, inArray(users.id, step.escalateTo), eq(users.status, 'active')))).map(u => u.id) : []
  const who: { userId: string, level: number }[] = []
  const added: { userId: string, level: number }[] = []
  for (const [l, level] of openLevels({ levels })) {
    for (const userId of l.approverIds) if (!decided.some(d => d.level === level && d.userId === userId)) who.push({ userId, level })
    const fresh = extra.filter(id => !mayDecide(l).includes(id))
    levels[level] = { ...l, escalatedIds: [...l.escalatedIds, ...fresh] }
    fresh.forEach(userId => added.push({ userId, level }))
  }
  await scope.tx.update(approvalRequests).set({ levels, escalatedAt: sql`now()` }).where(scope.where(approvalRequests, eq(approvalRequests.id, req.id)))
  await ask(scope, tenant, req, who, true)
  await ask(scope, tenant, { ...req, levels }, added)
  await scope.audit({ action: 'approval.escalated', entityType: 'approval', entityId: req.id, after: { reminded: who.length, added: added.map(a => a.userId) } })
  return { input: { requestId: req.id }, output: { requestId: req.id, escalated: true }, stay: new Date(Date.now() + RECHECK_DAYS * 86_400_000) }
}

/** Where the levels stand after a decision: each open level approved once its quorum approves, rejected once it cannot. */
function tally(req: Request, decisions: { level: number, decision: string }[]): { levels: ApprovalLevelState[], status: 'pending' | 'approved' | 'rejected', opened: number[] } {
  const levels = req.levels.map(l => ({ ...l }))
  const opened: number[] = []
  for (const [l, i] of openLevels({ levels })) {
    const mine = decisions.filter(d => d.level === i)
    const approvals = mine.filter(d => d.decision === 'approved').length
    const rejections = mine.filter(d => d.decision === 'rejected').length
    if (approvals >= l.needed) levels[i] = { ...l, status: 'approved' }
    else if (mayDecide(l).length - rejections < l.needed) levels[i] = { ...l, status: 'rejected' }
  }
  if (levels.some(l => l.status === 'rejected')) return { levels, status: 'rejected', opened }
  const next = levels.findIndex(l => l.status === 'waiting')
  if (req.mode === 'sequential' && next >= 0 && levels.slice(0, next).every(l => l.status === 'approved')) {
    levels[next] = { ...levels[next]!, status: 'open' }
    opened.push(next)
  }
  return { levels, status: levels.every(l => l.status === 'approved') ? 'approved' : 'pending', opened }
}

/**
 * A member's decision on a request they may decide: approve or reject, with a comment, from the
 * inbox, the record or a mailed link. Refused when the request is decided, when they are not an
 * approver of an open level (or have decided there), and for their own request unless allowed.
 */
export async function decide(scope: TenantScope, userId: string, requestId: string, input: { decision: 'approved' | 'rejected', comment: string }, via: 'app' | 'link', linkLevel?: number): Promise<ApprovalDetail> {
  const [req] = await scope.tx.select().from(approvalRequests).where(scope.where(approvalRequests, eq(approvalRequests.id, requestId))).for('update')
  if (!req) throw notFound('No such approval request')
  if (req.status !== 'pending') throw apiError(409, 'CONFLICT', `This request has already been ${req.status === 'cancelled' ? 'withdrawn' : req.status}`)
  if (req.requesterId === userId && !req.allowSelfApproval) throw apiError(403, 'FORBIDDEN', 'You cannot decide on a request of your own')
  const decisions = await scope.tx.select({ level: approvalDecisions.level, userId: approvalDecisions.userId, decision: approvalDecisions.decision }).from(approvalDecisions)
    .where(scope.where(approvalDecisions, eq(approvalDecisions.requestId, requestId)))
  const level = openLevels(req).find(([l, i]) => mayDecide(l).includes(userId) && !decisions.some(d => d.level === i && d.userId === userId) && (linkLevel === undefined || linkLevel === i))
  if (!level) throw apiError(403, 'FORBIDDEN', 'You are not asked to decide on this request (or have decided already)')
  const [l, i] = level
  await scope.tx.insert(approvalDecisions).values(scope.values(approvalDecisions, [{ requestId, level: i, userId, onBehalfOf: l.onBehalfOf[userId] ?? null, decision: input.decision, comment: input.comment, via }]))
  const result = tally(req, [...decisions, { level: i, decision: input.decision }])
  await scope.tx.update(approvalRequests).set({ levels: result.levels, status: result.status, decidedAt: result.status === 'pending' ? null : sql`now()` })
    .where(scope.where(approvalRequests, eq(approvalRequests.id, requestId)))
  await scope.audit({ action: `approval.${input.decision}`, entityType: 'approval', entityId: requestId, after: { level: l.name, comment: input.comment, via, onBehalfOf: l.onBehalfOf[userId] ?? null, outcome: result.status } })
  if (result.opened.length) {
    const tenant = scope.tenant
    await ask(scope, tenant, { ...req, levels: result.levels }, result.opened.flatMap(n => result.levels[n]!.approverIds.map(id => ({ userId: id, level: n }))))
  }
  if (result.status !== 'pending') {
    // The run waiting at this step goes on now, the approved or the rejected way.
    await scope.tx.update(workflowRuns).set({ status: 'queued', resumeAt: sql`now()` })
      .where(scope.where(workflowRuns, eq(workflowRuns.id, req.runId), eq(workflowRuns.status, 'waiting'), eq(workflowRuns.currentStep, req.stepId)))
    scope.afterCommit(() => kickWorkflows(scope.tenantId))
  }
  return getApproval(scope, userId, requestId)
}

/** A mailed link: decides as the member it was sent to, once. */
export async function decideByLink(scope: TenantScope, token: string, input: { decision: 'approved' | 'rejected', comment: string }): Promise<ApprovalDetail> {
  const link = await linkOf(scope, token, true)
  await scope.tx.update(approvalLinks).set({ usedAt: sql`now()` }).where(scope.where(approvalLinks, eq(approvalLinks.tokenHash, hashToken(token))))
  return decide(scope, link.userId, link.requestId, input, 'link', link.level)
}

async function linkOf(scope: TenantScope, token: string, lock = false) {
  const q = scope.tx.select().from(approvalLinks).where(scope.where(approvalLinks, eq(approvalLinks.tokenHash, hashToken(token))))
  const [link] = lock ? await q.for('update') : await q
  if (!link || link.expiresAt.getTime() < Date.now()) throw apiError(404, 'TOKEN_INVALID', 'This link is not valid (any more): open the request from your Approvals inbox')
  if (link.usedAt) throw apiError(409, 'TOKEN_INVALID', 'This link has been used already')
  return link
}

/** What a mailed link shows before the decision (without signing in): the request, as its approver sees it. */
export async function approvalByLink(scope: TenantScope, token: string): Promise<ApprovalDetail> {
  const link = await linkOf(scope, token)
  return getApproval(scope, link.userId, link.requestId)
}

async function names(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await scope.tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(scope.where(users, inArray(users.id, ids)))
  return new Map(rows.map(r => [r.id, r.name || r.email]))
}

function row(req: Request, me: string | null, decided: { level: number, userId: string }[]): ApprovalRow {
  return {
    id: req.id,
    title: req.title,
    status: req.status as ApprovalRow['status'],
    record: req.recordType && req.recordId ? { type: req.recordType as RecordType, id: req.recordId } : null,
    runId: req.runId,
    workflowId: req.workflowId,
    dueAt: req.dueAt?.toISOString() ?? null,
    createdAt: req.createdAt.toISOString(),
    decidedAt: req.decidedAt?.toISOString() ?? null,
    canDecide: !!me && req.status === 'pending' && (req.allowSelfApproval || req.requesterId !== me)
      && openLevels(req).some(([l, i]) => mayDecide(l).includes(me) && !decided.some(d => d.level === i && d.userId === me)),
  }
}

/** One request with its levels, who decided what, and whether `me` may decide now. */
export async function getApproval(scope: TenantScope, me: string | null, id: string): Promise<ApprovalDetail> {
  const [req] = await scope.tx.select().from(approvalRequests).where(scope.where(approvalRequests, eq(approvalRequests.id, id)))
  if (!req) throw notFound('No such approval request')
  const decisions = await scope.tx.select().from(approvalDecisions).where(scope.where(approvalDecisions, eq(approvalDecisions.requestId, id))).orderBy(approvalDecisions.createdAt)
  const who = await names(scope, [...new Set([...req.levels.flatMap(l => [...l.approverIds, ...l.escalatedIds, ...Object.values(l.onBehalfOf)]), ...(req.requesterId ? [req.requesterId] : [])])])
  return {
    ...row(req, me, decisions),
    requester: req.requesterId ? { id: req.requesterId, name: who.get(req.requesterId) ?? '(removed)' } : null,
    mode: req.mode as ApprovalDetail['mode'],
    levels: req.levels.map((l, i) => ({
      name: l.name,
      needed: l.needed,
      status: l.status,
      approvers: [...l.approverIds, ...l.escalatedIds].map(id => ({ id, name: who.get(id) ?? '(removed)', onBehalfOf: l.onBehalfOf[id] ? who.get(l.onBehalfOf[id]!) ?? null : null, escalated: l.escalatedIds.includes(id) })),
      decisions: decisions.filter(d => d.level === i).map(d => ({ userId: d.userId, name: who.get(d.userId) ?? '(removed)', decision: d.decision as 'approved' | 'rejected', comment: d.comment, via: d.via as 'app' | 'link', at: d.createdAt.toISOString() })),
    })),
  }
}

/**
 * The inbox: requests waiting for `me` (pending, at a level open to them, undecided by them), or
 * those they decided; or every request about one record (its approval history).
 */
export async function listApprovals(scope: TenantScope, me: string, query: ApprovalsQuery): Promise<{ items: ApprovalRow[] }> {
  const meJson = JSON.stringify(me)
  const where = query.recordId
    ? eq(approvalRequests.recordId, query.recordId)
    : query.box === 'decided'
      ? sql`exists (select 1 from approval_decisions d where d.tenant_id = ${approvalRequests.tenantId} and d.request_id = ${approvalRequests.id} and d.user_id = ${me})`
      : and(eq(approvalRequests.status, 'pending'), sql`exists (select 1 from jsonb_array_elements(${approvalRequests.levels}) l
          where l->>'status' = 'open' and ((l->'approverIds') @> ${meJson}::jsonb or (l->'escalatedIds') @> ${meJson}::jsonb))`)
  const rows = await scope.tx.select().from(approvalRequests).where(scope.where(approvalRequests, where)).orderBy(desc(approvalRequests.createdAt)).limit(query.limit)
  const decided = rows.length
    ? await scope.tx.select({ requestId: approvalDecisions.requestId, level: approvalDecisions.level, userId: approvalDecisions.userId }).from(approvalDecisions)
        .where(scope.where(approvalDecisions, inArray(approvalDecisions.requestId, rows.map(r => r.id)), eq(approvalDecisions.userId, me)))
    : []
  const items = rows.map(r => row(r, me, decided.filter(d => d.requestId === r.id)))
  return { items: query.box === 'pending' && !query.recordId ? items.filter(i => i.canDecide) : items }
}

/** A member's delegation while away, if any is still running. */
export async function getDelegation(scope: TenantScope, userId: string): Promise<Delegation | null> {
  const [d] = await scope.tx.select({ delegateId: approvalDelegations.delegateId, until: approvalDelegations.until, name: users.name }).from(approvalDelegations)
    .innerJoin(users, and(eq(users.tenantId, approvalDelegations.tenantId), eq(users.id, approvalDelegations.delegateId)))
    .where(scope.where(approvalDelegations, eq(approvalDelegations.userId, userId), gt(approvalDelegations.until, sql`now()`)))
  return d ? { delegateId: d.delegateId, delegateName: d.name, until: d.until.toISOString() } : null
}

/** Hands one's approvals to another active member until a time (null: ends it). Applies to requests opened from now on. */
export async function setDelegation(scope: TenantScope, userId: string, input: { delegateId: string, until: string } | null): Promise<Delegation | null> {
  if (!input) {
    await scope.tx.delete(approvalDelegations).where(scope.where(approvalDelegations, eq(approvalDelegations.userId, userId)))
    await scope.audit({ action: 'approval.delegation_ended', entityType: 'user', entityId: userId })
    return null
  }
  if (input.delegateId === userId) throw apiError(400, 'VALIDATION_FAILED', 'Choose someone else to stand in for you', [{ path: 'delegateId', message: 'is you' }])
  const [delegate] = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.id, input.delegateId), eq(users.status, 'active')))
  if (!delegate) throw apiError(400, 'VALIDATION_FAILED', 'The delegate is not an active member', [{ path: 'delegateId', message: 'is not an active member' }])
  const until = new Date(input.until)
  if (until.getTime() <= Date.now()) throw apiError(400, 'VALIDATION_FAILED', 'Choose a time in the future', [{ path: 'until', message: 'is in the past' }])
  await scope.tx.insert(approvalDelegations).values(scope.values(approvalDelegations, [{ userId, delegateId: input.delegateId, until }]))
    .onConflictDoUpdate({ target: [approvalDelegations.tenantId, approvalDelegations.userId], set: { delegateId: input.delegateId, until, createdAt: new Date() } })
  await scope.audit({ action: 'approval.delegated', entityType: 'user', entityId: userId, after: { delegateId: input.delegateId, until: until.toISOString() } })
  return getDelegation(scope, userId)
}
