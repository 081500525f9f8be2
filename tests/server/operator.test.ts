import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_ENCRYPTION_KEYS } from '../support/env'
import { hit } from '../support/http'
import { ROOT, exited, startApp } from '../support/app-server'
import type { AppServer } from '../support/app-server'

// A first run as an operator has it, from the built output alone: the bundled command line
// (`node .output/server/cli.mjs`) migrates an empty database; the server started on it says how
// to make the first super admin; SIGTERM lets the requests in flight finish and exits cleanly;
// `setup-admin` creates that super admin once, refuses a second run, and `--force` resets it with
// a generated password printed once. Its own PGlite directory: nothing shared with other files.

const dir = mkdtempSync(join(tmpdir(), 'atrium-operator-'))
const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NUXT_PGLITE_DIR: join(dir, 'pglite'), NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, NUXT_BLOB_DIR: join(dir, 'blobs') }

function cli(args: string[], input = '') {
  const res = spawnSync(process.execPath, ['.output/server/cli.mjs', ...args], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 150_000 })
  return { status: res.status, out: `${res.stdout}${res.stderr}` }
}

let server: AppServer | undefined
async function startServer() {
  server = await startApp({ ...env, NUXT_JOBS_MODE: 'worker', NUXT_SHUTDOWN_DRAIN_SECONDS: '2' }, '/api/ready')
  return server
}

afterAll(() => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

describe('an operator\'s first run, from the built output', { timeout: 180_000 }, () => {
  const PASSWORD = 'Operator-pass-2026'

  it('migrates an empty database with the bundled command line', () => {
    const res = cli(['migrate'])
    expect(res.out).toContain('Migrations applied')
    expect(res.status).toBe(0)
    expect(cli(['frobnicate']).status).toBe(1)
  })

  it('starts, says how to make the first super admin, and on SIGTERM finishes what is in flight, then exits', async () => {
    const { child, port, output } = await startServer()
    await expect.poll(output, { timeout: 5000 }).toContain('No super admin exists yet')
    expect(output()).toContain('cli.mjs setup-admin')

    child.kill('SIGTERM')
    // At once: not ready, while it keeps answering everything else during the drain.
    await expect.poll(async () => (await hit(port, '127.0.0.1', '/api/ready')).status, { timeout: 1000, interval: 50 }).toBe(503)
    expect((await hit(port, '127.0.0.1', '/api/ready')).json().problems).toContain('shutting down: finishing the requests in flight')
    const during = await Promise.all(Array.from({ length: 20 }, () => hit(port, 'localhost', '/api/site')))
    expect(during.map(r => r.status)).toEqual(Array.from({ length: 20 }, () => 200))
    expect(await exited(child)).toBe(0)
    expect(output()).toContain('shutting down')
    expect(output()).toContain('database closed')
  })

  it('creates the first super admin once; a second run changes nothing; --force resets with a password printed once', async () => {
    const created = cli(['setup-admin', 'ops@example.test', '--name', 'Ops', '--password-stdin'], `${PASSWORD}\n`)
    expect(created.out).toContain('Created super admin ops@example.test')
    expect(created.out).not.toContain(PASSWORD)
    expect(created.status).toBe(0)

    const again = cli(['setup-admin', 'other@example.test', '--password-stdin'], 'Another-pass-2026\n')
    expect(again.status).toBe(1)
    expect(again.out).toMatch(/already a super admin/)
    expect(cli(['setup-admin', 'weak@example.test', '--force', '--password-stdin'], 'short\n').status).toBe(1)

    const { port, child } = await startServer()
    const login = (password: string) => hit(port, 'localhost', '/api/auth/login', { method: 'POST', body: { email: 'ops@example.test', password } })
    const signedIn = await login(PASSWORD)
    expect(signedIn.status).toBe(200)
    const cookie = String(signedIn.headers['set-cookie']?.[0]).split(';')[0]!
    // Two-factor comes first, as for every super admin.
    expect((await hit(port, 'localhost', '/api/auth/session', { headers: { cookie } })).json()).toMatchObject({ email: 'ops@example.test', mfaEnrolmentRequired: true })
    expect((await login('Another-pass-2026')).status).toBe(401)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)

    const reset = cli(['setup-admin', 'ops@example.test', '--force'])
    expect(reset.status).toBe(0)
    const generated = /Password \(shown once, store it now\): (\S+)/.exec(reset.out)?.[1]
    expect(generated).toMatch(/^[\w-]{20,}$/)
    const second = await startServer()
    expect((await hit(second.port, 'localhost', '/api/auth/login', { method: 'POST', body: { email: 'ops@example.test', password: PASSWORD } })).status).toBe(401)
    expect((await hit(second.port, 'localhost', '/api/auth/login', { method: 'POST', body: { email: 'ops@example.test', password: generated } })).status).toBe(200)
    expect(second.output()).not.toContain('No super admin exists yet')
    second.child.kill('SIGTERM')
    expect(await exited(second.child)).toBe(0)
  })
})
