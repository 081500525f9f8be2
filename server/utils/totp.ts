import { Secret, TOTP } from 'otpauth'

// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app
// reads them. One step of clock skew is accepted either side; a step once used is never again.
const PERIOD = 30
const WINDOW = 1

function totp(secretBase32: string, label = '', issuer = '') {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) })
}

/** A new random secret (160 bits, base32) for enrolment. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32

/** The `otpauth://` URI an authenticator app scans (issuer = the workspace, label = the email). */
export const totpUri = (secretBase32: string, label: string, issuer: string) => totp(secretBase32, label, issuer).toString()

/**
 * The time step a code matches, if it is valid now (within the skew window) and newer than
 * `lastStep`; null otherwise. The caller stores the step so the same code cannot be replayed.
 */
export function acceptTotp(secretBase32: string, code: string, lastStep: number | null, now = Date.now()): { step: number } | { error: 'invalid' | 'replayed' } {
  if (!/^\d{6}$/.test(code)) return { error: 'invalid' }
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: WINDOW })
  if (delta === null) return { error: 'invalid' }
  const step = Math.floor(now / 1000 / PERIOD) + delta
  if (lastStep !== null && step <= lastStep) return { error: 'replayed' }
  return { step }
}
