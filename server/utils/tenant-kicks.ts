/**
 * Wake-ups of a per-tenant job after commits. Writes come in bursts: the tenants asked for within
 * 20 ms are gathered and each gets one `send`, which is enough to wake a worker. `send` is read at
 * each call (it is handed over once per process, by the jobs plugin); without it nothing is sent.
 * A lost wake-up is caught by the job's minute sweep.
 */
export function tenantKicker(what: string, sender: () => ((tenantId: string) => Promise<unknown>) | undefined): (tenantId: string) => void {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  return (tenantId) => {
    const send = sender()
    if (!send) return
    pending.add(tenantId)
    timer ??= setTimeout(() => {
      timer = undefined
      const tenants = [...pending]
      pending.clear()
      for (const id of tenants) {
        send(id).catch(error => logger().warn({ tenantId: id, cause: (error as Error).message }, `${what}: could not queue a run; the sweep will`))
      }
    }, 20)
  }
}
