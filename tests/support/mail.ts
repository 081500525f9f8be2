import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'
import { inject } from 'vitest'

/** Waits for the newest mail to `to` received by the test SMTP server (after `since`). */
export async function waitForMail(to: string, since: number, timeoutMs = 10_000): Promise<ParsedMail> {
  const dir = inject('mailDir')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const files = readdirSync(dir).filter(f => Number(f.split('-')[0]) >= since).sort().reverse()
    for (const file of files) {
      const mail = await simpleParser(readFileSync(join(dir, file)))
      const recipients = [mail.to].flat().flatMap(a => a?.value ?? []).map(v => v.address)
      if (recipients.includes(to)) return mail
    }
    await new Promise(r => setTimeout(r, 100))
  }
  throw new Error(`no mail to ${to} arrived`)
}

/** Whether any mail to `to` arrived after `since`. */
export async function mailArrived(to: string, since: number): Promise<boolean> {
  return waitForMail(to, since, 1500).then(() => true, () => false)
}

/** The token of the first link in a mail's text. */
export function linkToken(mail: ParsedMail): string {
  const match = /[?&]token=([\w-]+)/.exec(mail.text ?? '')
  if (!match) throw new Error('no link with a token in the mail')
  return match[1]!
}
