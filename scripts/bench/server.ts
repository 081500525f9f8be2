// What the benchmark scripts share: a built app, servers started on 127.0.0.1, percentiles.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, openSync } from 'node:fs'
import { request } from 'node:http'
import type { Agent } from 'node:http'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '../..')

/** Builds the app unless .output is there (BENCH_BUILD=1 forces a build). */
export function ensureBuilt() {
  if (!existsSync(join(ROOT, '.output/server/index.mjs')) || process.env.BENCH_BUILD === '1') {
    spawnSync('npx', ['nuxt', 'build'], { cwd: ROOT, stdio: 'inherit' })
  }
}

function healthy(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/api/health', headers: { host: 'localhost' }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => resolve())
    }).on('error', reject).end()
  })
}

/** The built server on a random port of 127.0.0.1 with these settings, once it answers (its output to `log`, if given). */
export async function startServer(env: Record<string, string>, log?: string): Promise<{ port: number, child: ChildProcess }> {
  const port = 4100 + Math.floor(Math.random() * 800)
  const out = log ? openSync(log, 'w') : 'ignore'
  const child = spawn(process.execPath, ['.output/server/index.mjs'], {
    cwd: ROOT, stdio: ['ignore', out, out], env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', NUXT_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`, ...env },
  })
  for (let i = 0; i < 150; i++) {
    try {
      await healthy(port)
      return { port, child }
    }
    catch {
      await new Promise(r => setTimeout(r, 200))
    }
  }
  child.kill()
  throw new Error('server did not start')
}

/** The p-th quantile (0–1) of an ascending list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

/** One request to a server on 127.0.0.1 with the Host header given; a JSON `body` string is sent as such. Never rejects (status 0 on a network error). */
export function send(port: number, path: string, host: string, o: { cookie?: string, headers?: Record<string, string>, method?: string, body?: string, agent?: Agent } = {}): Promise<{ status: number, body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { host, ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers }
    if (o.body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(o.body) })
    request({ host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers, setHost: false, agent: o.agent, timeout: 30_000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => {
        body += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    }).on('error', error => resolve({ status: 0, body: error.message })).on('timeout', function (this: { destroy: () => void }) {
      this.destroy()
    }).end(o.body)
  })
}
