// Private PostgreSQL and Redis for the benchmarks that restart or load them: each on a free port of
// 127.0.0.1, in a temporary directory, so nothing else on the machine is touched.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The directory holding initdb and pg_ctl: BENCH_PG_BIN, or the newest under /usr/lib/postgresql. */
export const PG_BIN = process.env.BENCH_PG_BIN ?? (() => {
  const found = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim()
  if (!found) throw new Error('PostgreSQL server binaries not found (set BENCH_PG_BIN to the directory holding initdb and pg_ctl)')
  return found
})()

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    }).on('error', reject)
  })
}

// PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user. Run
// without blocking, so the clients keep sending while a restart is under way.
const asRoot = process.getuid?.() === 0
function pg(tool: string, args: string[]): Promise<void> {
  const cmd = asRoot ? 'runuser' : join(PG_BIN, tool)
  const full = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, tool), ...args] : args
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, full, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} failed:\n${output}`))))
  })
}

export async function privatePostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-pg-'))
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout))
  const port = await freePort()
  const data = join(dir, 'data')
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  const ctl = (action: string) => pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-m', 'fast', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, action])
  await ctl('start')
  return {
    url: (user: string) => `postgres://${user}@127.0.0.1:${port}/postgres`,
    /** The postmaster's process id (its backends are its children). */
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    restart: () => ctl('restart'),
    stop: async () => {
      await ctl('stop').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function privateRedis() {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    for (let i = 0; i < 50; i++) {
      if (await new Promise(resolve => createConnection(port, '127.0.0.1').once('connect', function (this: Socket) {
        this.destroy()
        resolve(true)
      }).once('error', () => resolve(false)))) return
      await new Promise(r => setTimeout(r, 100))
    }
    throw new Error('redis-server did not start')
  }
  const stop = () => new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
  await start()
  return { url: `redis://127.0.0.1:${port}`, start, stop }
}
