import { eq, isNotNull } from 'drizzle-orm'
import { workflows } from '#drizzle/schema'

/**
 * How the automation services wake the engine: the jobs plugin hands over the function that queues
 * a tenant's `workflows-run` (after a delay, for a wait's or a retry's time). Kept apart from the
 * engine so that the steps and approvals it runs can wake it without importing it.
 */
let queueRun: ((tenantId: string, delaySeconds?: number) => Promise<unknown>) | undefined

/** Called once per process (the jobs plugin). */
export function useWorkflowQueue(fn: (tenantId: string, delaySeconds?: number) => Promise<unknown>): void {
  queueRun = fn
}

/** Queues a tenant's job now or after `delaySeconds` (a no-op where this process queues nothing). */
export async function queueWorkflows(tenantId: string, delaySeconds?: number): Promise<void> {
  await queueRun?.(tenantId, delaySeconds)
}

/** Wakes the engine for a tenant after a commit that wrote runs or decided an approval; a lost wake-up is caught by the minute's sweep. */
export const kickWorkflows = tenantKicker('workflows', () => queueRun)

// Whether a tenant has a switched-on workflow that starts on events, per tenant for EVENT_MEMO_MS:
// most writes happen where no workflow listens, and their events need no job. A workflow switched
// on elsewhere is seen within that time here; the minute's sweep covers the gap.
const EVENT_MEMO_MS = 10_000
const listening = new Map<string, { yes: boolean, at: number }>()

// Bumped by every forget: an answer read before a workflow was switched on here is not remembered
// after it (it would hide the new workflow from the writes of the next 10 s).
let forgets = 0

async function hasEventWorkflows(tenantId: string): Promise<boolean> {
  const known = listening.get(tenantId)
  if (known && Date.now() - known.at < EVENT_MEMO_MS) return known.yes
  const asked = forgets
  const rows = await runInTenant(tenantId, scope => scope.tx.select({ id: workflows.id }).from(workflows)
    .where(scope.where(workflows, eq(workflows.enabled, true), isNotNull(workflows.triggerEvent))).limit(1))
  const yes = rows.length > 0
  if (asked !== forgets) return yes
  if (listening.size > 10_000) listening.clear()
  listening.set(tenantId, { yes, at: Date.now() })
  return yes
}

/** Forgets what `hasEventWorkflows` knew of a tenant (its workflows changed in this process), and any answer still on its way. */
export function forgetEventWorkflows(tenantId: string): void {
  forgets++
  listening.delete(tenantId)
}

/** After a commit that wrote events: wakes the engine where a workflow may start on them. */
export function kickWorkflowsForEvents(tenantId: string): void {
  if (!queueRun) return
  hasEventWorkflows(tenantId).then(
    yes => yes && kickWorkflows(tenantId),
    error => logger().warn({ tenantId, cause: (error as Error).message }, 'workflows: could not tell whether events start runs; the sweep will'),
  )
}
