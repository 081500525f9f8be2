import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { join } from 'node:path'

// Starting the built server (.output) as its own process: the shared test servers
// (global-setup.ts) and the tests that need one of their own (an operator's first run, a Redis
// outage) all start it here.

export const ROOT = join(import.meta.dirname, '../..')

/** A port nobody listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface AppServer {
  child: ChildProcess
  port: number
  /** The last 64 KB of what it printed (JSON log lines): for messages and for the tests that read its log. */
  output: () => string
}

/**
 * The built server on a free port of 127.0.0.1 with exactly this environment (plus PATH, PORT,
 * HOST and NODE_ENV=production), once `readyPath` answers 200 on the platform domain.
 */
export async function startApp(env: Record<string, string>, readyPath = '/api/health'): Promise<AppServer> {
  const port = await freePort()
  const child = spawn(process.execPath, ['.output/server/index.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d).slice(-65_536)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`)
      if (res.ok) return { child, port, output: () => output }
    }
    catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start:\n${output}`)
}

/** Resolves with the exit code once the process has ended. */
export const exited = (child: ChildProcess) => new Promise<number | null>(resolve => child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', code => resolve(code)))

/**
 * A TCP relay on a port of its own to `target` (a PostgreSQL or Redis URL): `cut()` drops every
 * connection and refuses new ones until `mend()`, as a network partition would.
 */
export async function tcpRelay(target: URL) {
  const port = await freePort()
  const to = { port: Number(target.port || (target.protocol === 'redis:' ? 6379 : 5432)), host: target.hostname }
  const sockets = new Set<Socket>()
  let server: Server | undefined
  const mend = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = createConnection(to.port, to.host)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
        s.on('error', () => {})
      }
      client.pipe(upstream).pipe(client)
    }).listen(port, '127.0.0.1', () => resolve())
  })
  await mend()
  return {
    port,
    url: `${target.protocol}//127.0.0.1:${port}`,
    cut: () => new Promise<void>((resolve) => {
      if (!server?.listening) return resolve()
      server.close(() => resolve())
      for (const s of sockets) s.destroy()
    }),
    mend,
  }
}
