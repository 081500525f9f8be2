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

/** Wakes the engine for a tenant after a commit that wrote events or runs; a lost wake-up is caught by the minute's sweep. */
export const kickWorkflows = tenantKicker('workflows', () => queueRun)
