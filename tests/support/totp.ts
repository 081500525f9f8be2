import { Secret, TOTP } from 'otpauth'

/** The code an authenticator app shows for `secret`, now or `offsetMs` from now. */
export function totpCode(secret: string, offsetMs = 0): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetMs })
}
