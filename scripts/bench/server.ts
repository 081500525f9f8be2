// What the benchmark scripts share: a built app, servers started on 127.0.0.1, percentiles.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, openSync } from 'node:fs'
import { request } from 'node:http'
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
