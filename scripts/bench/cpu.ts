import { readdirSync, readFileSync } from 'node:fs'

// CPU time of processes and their children, read from /proc (Linux), for benchmarks that say
// where the machine's cores went. Clock ticks are 100 a second on Linux.
const TICK_S = 0.01

interface Stat {
  ppid: number
  /** utime + stime of the process itself. */
  own: number
  /** cutime + cstime: its children that have exited and been waited for. */
  reaped: number
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) }
  }
  catch {
    return undefined
  }
}

/** CPU seconds used so far by each root process and everything below it. */
export function cpuSeconds(roots: number[]): number {
  const all = new Map<number, Stat>()
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    const s = stat(pid)
    if (s) all.set(pid, s)
  }
  const children = new Map<number, number[]>()
  for (const [pid, s] of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid])
  let ticks = 0
  const walk = (pid: number, root: boolean) => {
    const s = all.get(pid)
    if (!s) return
    ticks += s.own + (root ? s.reaped : 0)
    for (const child of children.get(pid) ?? []) walk(child, false)
  }
  for (const root of roots) walk(root, true)
  return ticks * TICK_S
}

/** This process's own CPU seconds. */
export const selfSeconds = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
