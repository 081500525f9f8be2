import { hit, signIn } from './http'
import { linkToken, waitForMail } from './mail'

/**
 * A brand-new member of `host`'s tenant, invited by `adminCookie` and joined through the mailed
 * link, as a person would; returns their session cookie. For tests that change a person's account.
 */
export async function newMember(port: number, host: string, adminCookie: string, email: string, role = 'member', password = 'Fresh-member-pass-2026'): Promise<string> {
  const since = Date.now() - 1000
  const invited = await hit(port, host, '/api/members/invitations', { method: 'POST', body: { email, role }, headers: { cookie: adminCookie } })
  if (invited.status !== 201) throw new Error(`invitation of ${email} failed: ${invited.status} ${invited.body}`)
  const token = linkToken(await waitForMail(email, since))
  const joined = await hit(port, host, '/api/auth/accept-invitation', { method: 'POST', body: { token, name: email.split('@')[0], password } })
  if (joined.status !== 200) throw new Error(`joining as ${email} failed: ${joined.status} ${joined.body}`)
  return signIn(port, host, email, password)
}
