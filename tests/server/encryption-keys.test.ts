import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, exited, freePort, startApp } from '../support/app-server'

// The README's production start, `node .output/server/index.mjs` with nothing else set: on PGlite
// the server makes its encryption key at first start, in the data directory, and keeps using it;
// with DATABASE_URL (several instances share one key) it refuses in one line that says how to
// make one. Its own PGlite directory: nothing shared with other files.

const dir = mkdtempSync(join(tmpdir(), 'atrium-keys-'))
const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NUXT_PGLITE_DIR: join(dir, 'data', 'pglite'), NUXT_BLOB_DIR: join(dir, 'blobs') }
const keyFile = join(dir, 'data', 'encryption-keys')

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('starting the built server without NUXT_ENCRYPTION_KEYS', { timeout: 180_000 }, () => {
  it('on PGlite: generates a key in the data directory at first start, says so, and uses that key from then on', async () => {
    const migrated = spawnSync(process.execPath, ['.output/server/cli.mjs', 'migrate'], { cwd: ROOT, env, encoding: 'utf8', timeout: 150_000 })
    expect(migrated.status, `${migrated.stdout}${migrated.stderr}`).toBe(0)
    expect(existsSync(keyFile)).toBe(false)

    const first = await startApp(env, '/api/ready')
    await expect.poll(first.output, { timeout: 5000 }).toContain(`generated a key in ${keyFile}`)
    const key = readFileSync(keyFile, 'utf8')
    expect(key).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    first.child.kill('SIGTERM')
    await exited(first.child)

    const again = await startApp(env, '/api/ready')
    await expect.poll(again.output, { timeout: 5000 }).toContain(`using the key in ${keyFile}`)
    expect(readFileSync(keyFile, 'utf8')).toBe(key)
    again.child.kill('SIGTERM')
    await exited(again.child)
  })

  it('with DATABASE_URL: exits at once, saying every instance needs the same key and the one command that makes one', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, ['.output/server/index.mjs'], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: 'postgres://atrium_app@127.0.0.1:1/atrium', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (d) => {
      output += d
    })
    child.stderr!.on('data', (d) => {
      output += d
    })
    // 'close', not 'exit': by then everything it printed has been read.
    expect(await new Promise(resolve => child.once('close', resolve))).toBe(1)
    expect(output).toContain('NUXT_ENCRYPTION_KEYS must be set when DATABASE_URL is: every instance needs the same key')
    expect(output).toContain(`node -e "console.log('k1:' + require('crypto').randomBytes(32).toString('base64'))"`)
    expect(output).toContain('docs/security.md')
  })
})
