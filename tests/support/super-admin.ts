import { DEMO_PASSWORD, hit } from './http'
import { totpCode } from './totp'

// Super admins must use two-factor. A test signs one in here: the first time (per database) the
// session enrols; later sign-ins answer the challenge with the next step's code, since the
// current one was spent (codes are never accepted twice).
const secrets = new Map<string, { secret: string, uses: number }>()
const PLATFORM = 'localhost'

const cookieOf = (setCookie: string[] | undefined) => String(setCookie?.[0] ?? '').split(';')[0]!

/** A fully signed-in super admin session on `port` (whose database is `database`). */
export async function superAdminSession(port: number, database: string, email: string): Promise<string> {
  const key = `${database}|${email}`
  const login = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password: DEMO_PASSWORD } })
  if (login.status !== 200) throw new Error(`super admin sign-in failed: ${login.status} ${login.body}`)
  const body = login.json()
  if (!body.mfaRequired) {
    const cookie = cookieOf(login.headers['set-cookie'])
    const { secret } = (await hit(port, PLATFORM, '/api/platform/account/mfa/setup', { method: 'POST', headers: { cookie } })).json()
    const enabled = await hit(port, PLATFORM, '/api/platform/account/mfa/enable', { method: 'POST', body: { code: totpCode(secret) }, headers: { cookie } })
    if (enabled.status !== 200) throw new Error(`super admin enrolment failed: ${enabled.body}`)
    secrets.set(key, { secret, uses: 0 })
    return cookie
  }
  const known = secrets.get(key)
  if (!known) throw new Error(`${email} has two-factor on, but not from this test file: give this file its own super admin`)
  known.uses += 1
  if (known.uses > 1) throw new Error(`${email}: only one more sign-in fits in this 30-second window; use another super admin`)
  const done = await hit(port, PLATFORM, '/api/auth/login-mfa', { method: 'POST', body: { challenge: body.challenge, code: totpCode(known.secret, 30_000) } })
  if (done.status !== 200) throw new Error(`super admin second step failed: ${done.body}`)
  return cookieOf(done.headers['set-cookie'])
}
