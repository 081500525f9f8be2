import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_PASSWORD, hit } from './http'
import { totpCode } from './totp'

// Super admins must use two-factor. A test signs one in here: the first time (per database) the
// session enrols; later sign-ins answer the challenge with the next step's code, since the
// current one was spent (codes are never accepted twice).
const secrets = new Map<string, { secret: string, uses: number }>()
const PLATFORM = 'localhost'

const cookieOf = (setCookie: string[] | undefined) => String(setCookie?.[0] ?? '').split(';')[0]!

// A session one test file got is kept on disk (per database and super admin), so another file of
// the same run with the same super admin (e.g. a server test and its browser test) reuses it
// instead of failing on a second enrolment. The database names are new each run.
const sharedFile = (key: string) => join(tmpdir(), 'atrium-test-super-admin-sessions', createHash('sha256').update(key).digest('hex'))
function keep(key: string, cookie: string): string {
  mkdirSync(join(tmpdir(), 'atrium-test-super-admin-sessions'), { recursive: true })
  writeFileSync(sharedFile(key), cookie)
  return cookie
}
async function kept(port: number, key: string): Promise<string | null> {
  let cookie: string
  try {
    cookie = readFileSync(sharedFile(key), 'utf8')
  }
  catch {
    return null
  }
  const res = await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie } })
  return res.status === 200 && !res.json().mfaEnrolmentRequired ? cookie : null
}

/** A fully signed-in super admin session on `port` (whose database is `database`). */
export async function superAdminSession(port: number, database: string, email: string): Promise<string> {
  const key = `${database}|${email}`
  if (!secrets.has(key)) {
    const reused = await kept(port, key)
    if (reused) return reused
  }
  const login = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password: DEMO_PASSWORD } })
  if (login.status !== 200) throw new Error(`super admin sign-in failed: ${login.status} ${login.body}`)
  const body = login.json()
  if (!body.mfaRequired) {
    const cookie = cookieOf(login.headers['set-cookie'])
    const { secret } = (await hit(port, PLATFORM, '/api/platform/account/mfa/setup', { method: 'POST', headers: { cookie } })).json()
    const enabled = await hit(port, PLATFORM, '/api/platform/account/mfa/enable', { method: 'POST', body: { code: totpCode(secret) }, headers: { cookie } })
    if (enabled.status !== 200) throw new Error(`super admin enrolment failed: ${enabled.body}`)
    secrets.set(key, { secret, uses: 0 })
    return keep(key, cookie)
  }
  const known = secrets.get(key)
  if (!known) throw new Error(`${email} has two-factor on, but not from this test file: give this file its own super admin`)
  known.uses += 1
  if (known.uses > 1) throw new Error(`${email}: only one more sign-in fits in this 30-second window; use another super admin`)
  const done = await hit(port, PLATFORM, '/api/auth/login-mfa', { method: 'POST', body: { challenge: body.challenge, code: totpCode(known.secret, 30_000) } })
  if (done.status !== 200) throw new Error(`super admin second step failed: ${done.body}`)
  return keep(key, cookieOf(done.headers['set-cookie']))
}
