import { describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { newMember } from '../support/members'
import { totpCode } from '../support/totp'

const PASSWORD = 'Fresh-member-pass-2026'

describe.each(serversPerDriver())('two-factor sign-in on $name', ({ port }) => {
  const host = 'acme.localhost'
  const post = (path: string, body?: unknown, cookie?: string) => hit(port, host, path, { method: 'POST', body, headers: cookie ? { cookie } : {} })
  const get = (path: string, cookie: string) => hit(port, host, path, { headers: { cookie } })

  /** A new member with two-factor on: their cookie, secret and recovery codes. */
  async function enrolled(label: string) {
    const admin = await signIn(port, host, 'admin@acme.test')
    const email = `mfa-${label}-${port}@acme.test`
    const cookie = await newMember(port, host, admin, email)
    const setup = await post('/api/account/mfa/setup', undefined, cookie)
    expect(setup.status).toBe(200)
    const { secret, uri, qrSvg } = setup.json()
    const enabled = await post('/api/account/mfa/enable', { code: totpCode(secret) }, cookie)
    expect(enabled.status).toBe(200)
    return { email, cookie, secret, uri, qrSvg, recoveryCodes: enabled.json().recoveryCodes as string[] }
  }

  it('enrols with a QR code and a confirming code; recovery codes are shown once', async () => {
    const admin = await signIn(port, host, 'admin@acme.test')
    const cookie = await newMember(port, host, admin, `mfa-enrol-${port}@acme.test`)
    expect((await get('/api/account/mfa', cookie)).json()).toMatchObject({ enabled: false, recoveryCodesLeft: 0, required: false })
    const setup = (await post('/api/account/mfa/setup', undefined, cookie)).json()
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Acme%20Corporation:mfa-enrol-.*secret=/)
    expect(setup.qrSvg).toMatch(/^<svg/)
    // Not live until a code confirms it: a wrong one is refused.
    const wrong = await post('/api/account/mfa/enable', { code: '000000' }, cookie)
    expect(wrong.status).toBe(400)
    expect(wrong.json().data.code).toBe('MFA_INVALID')
    expect((await post('/api/account/mfa/enable', { code: 'abc' }, cookie)).status).toBe(400)
    const enabled = await post('/api/account/mfa/enable', { code: totpCode(setup.secret) }, cookie)
    expect(enabled.json().recoveryCodes).toHaveLength(10)
    expect(new Set(enabled.json().recoveryCodes).size).toBe(10)
    expect((await get('/api/account/mfa', cookie)).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 })
    expect((await post('/api/account/mfa/setup', undefined, cookie)).status).toBe(409)
  })

  it('a password alone no longer signs in: the code does, once; a replayed code is refused', async () => {
    const { email, secret } = await enrolled('login')
    const first = await post('/api/auth/login', { email, password: PASSWORD })
    expect(first.status).toBe(200)
    expect(first.headers['set-cookie']).toBeUndefined()
    const { mfaRequired, challenge } = first.json()
    expect(mfaRequired).toBe(true)

    expect((await post('/api/auth/login-mfa', { challenge, code: '12345' })).status).toBe(400)
    expect((await post('/api/auth/login-mfa', { challenge, code: '123456', recoveryCode: 'abcd-efgh-jk' })).status).toBe(400)
    const wrong = await post('/api/auth/login-mfa', { challenge, code: String((Number(totpCode(secret, 30_000)) + 1) % 1_000_000).padStart(6, '0') })
    expect(wrong.status).toBe(401)
    expect(wrong.json().data.code).toBe('MFA_INVALID')

    const code = totpCode(secret, 30_000) // the step after the one spent on enrolment
    const ok = await post('/api/auth/login-mfa', { challenge, code })
    expect(ok.status).toBe(200)
    const cookie = String(ok.headers['set-cookie']?.[0]).split(';')[0]!
    expect((await get('/api/auth/session', cookie)).json()).toMatchObject({ email })
    // The challenge was single-use, and the same code cannot sign anyone in again.
    expect((await post('/api/auth/login-mfa', { challenge, code })).status).toBe(401)
    const again = (await post('/api/auth/login', { email, password: PASSWORD })).json().challenge
    const replay = await post('/api/auth/login-mfa', { challenge: again, code })
    expect(replay.status).toBe(401)
    expect(replay.json().message).toMatch(/already used/)
  })

  it('a recovery code works once', async () => {
    const { email, recoveryCodes, cookie } = await enrolled('recovery')
    const challenge = () => post('/api/auth/login', { email, password: PASSWORD }).then(r => r.json().challenge as string)
    const ok = await post('/api/auth/login-mfa', { challenge: await challenge(), recoveryCode: recoveryCodes[0]!.toUpperCase() })
    expect(ok.status).toBe(200)
    const reused = await post('/api/auth/login-mfa', { challenge: await challenge(), recoveryCode: recoveryCodes[0] })
    expect(reused.status).toBe(401)
    expect(reused.json().message).toMatch(/recovery code/)
    expect((await get('/api/account/mfa', cookie)).json().recoveryCodesLeft).toBe(9)
  })

  it('five wrong codes end the challenge; a challenge is worth nothing on another tenant', async () => {
    const { email } = await enrolled('attempts')
    const { challenge } = (await post('/api/auth/login', { email, password: PASSWORD })).json()
    const elsewhere = await hit(port, 'globex.localhost', '/api/auth/login-mfa', { method: 'POST', body: { challenge, code: '000000' } })
    expect(elsewhere.status).toBe(401)
    for (let i = 0; i < 4; i++) expect((await post('/api/auth/login-mfa', { challenge, code: '000000' })).status).toBe(401)
    const fifth = await post('/api/auth/login-mfa', { challenge, code: '000000' })
    expect(fifth.json().message).toMatch(/enter your password again/)
    const gone = await post('/api/auth/login-mfa', { challenge, code: '000000' })
    expect(gone.json().message).toBe('This sign-in has expired; enter your password again')
  })

  it('wrong codes sent in parallel get five checks at most, and then the challenge is gone', async () => {
    const { email, secret } = await enrolled('parallel')
    const { challenge } = (await post('/api/auth/login', { email, password: PASSWORD })).json()
    const right = totpCode(secret, 30_000) // the next step: the current one was spent enrolling
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/api/auth/login-mfa', { challenge, code: wrong })))
    expect(answers.every(a => a.status === 401)).toBe(true)
    expect(answers.filter(a => a.json().message.startsWith('That code did not match')).length).toBeLessThanOrEqual(5)
    // The right code is too late: the attempts are spent.
    const late = await post('/api/auth/login-mfa', { challenge, code: right })
    expect(late.status).toBe(401)
    expect(late.json().message).toMatch(/enter your password again/)
  })

  it('turning two-factor off needs the password, and signs in with the password alone again', async () => {
    const { email, cookie } = await enrolled('disable')
    expect((await post('/api/account/mfa/disable', { password: 'not-it' }, cookie)).status).toBe(400)
    expect((await post('/api/account/mfa/disable', { password: PASSWORD }, cookie)).status).toBe(200)
    const res = await post('/api/auth/login', { email, password: PASSWORD })
    expect(res.json().token).toBeTruthy()
  })
})

describe.each(serversPerDriver())('a workspace that requires two-factor, on $name', ({ port }) => {
  // Hooli is a test-only tenant: requiring two-factor there disturbs no other test.
  const host = 'hooli.localhost'
  const call = (method: string, path: string, cookie: string, body?: unknown) => hit(port, host, path, { method, body, headers: { cookie } })

  it('sends members without it to enrol, and lets them reach nothing else until they do', async () => {
    const admin = await signIn(port, host, 'admin@hooli.test')
    // An admin cannot require what they do not use themselves.
    const early = await call('PUT', '/api/settings/mfa-requirement', admin, { required: true })
    expect(early.status).toBe(409)
    const { secret } = (await call('POST', '/api/account/mfa/setup', admin)).json()
    expect((await call('POST', '/api/account/mfa/enable', admin, { code: totpCode(secret) })).status).toBe(200)
    try {
      expect((await call('PUT', '/api/settings/mfa-requirement', admin, { required: true })).status).toBe(200)

      const member = await signIn(port, host, 'member@hooli.test')
      expect((await call('GET', '/api/auth/session', member)).json().mfaEnrolmentRequired).toBe(true)
      const blocked = await call('GET', '/api/members', member)
      expect(blocked.status).toBe(403)
      expect(blocked.json().data.code).toBe('MFA_ENROLMENT_REQUIRED')
      const page = await call('GET', '/settings/members', member)
      expect(page.status).toBe(302)
      expect(page.headers.location).toBe('/account/two-factor')
      expect((await call('GET', '/account/two-factor', member)).status).toBe(200)
      // Turning it off is refused while the workspace requires it.
      expect((await call('POST', '/api/account/mfa/disable', admin, { password: 'Demo-pass-2026' })).status).toBe(409)

      const enrol = (await call('POST', '/api/account/mfa/setup', member)).json()
      expect((await call('POST', '/api/account/mfa/enable', member, { code: totpCode(enrol.secret) })).status).toBe(200)
      expect((await call('GET', '/api/members', member)).status).toBe(200)
      expect((await call('GET', '/api/auth/session', member)).json().mfaEnrolmentRequired).toBe(false)
    }
    finally {
      await call('PUT', '/api/settings/mfa-requirement', admin, { required: false })
    }
  })
})
