import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { H3Event } from 'h3'
import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'

export interface Mail {
  /** The sender's name: the workspace's (by default, the request's workspace). */
  fromName?: string
  to: string
  subject: string
  text: string
  html: string
  /** Files sent with the mail (a scheduled report's file). */
  attachments?: { filename: string, content: Buffer, contentType: string }[]
}

// One SMTP transport per process (pooled connections), created on first use.
let transport: Transporter | undefined

/**
 * Sends a mail in the tenant's name: through SMTP when NUXT_SMTP_URL is set, otherwise into
 * the outbox folder (one .eml per mail) so every flow works in development with no mail server.
 * Without a request (a job), give `fromName`.
 */
export async function sendMail(event: H3Event | null, mail: Mail): Promise<void> {
  const config = useRuntimeConfig()
  const from = { name: mail.fromName ?? (event ? requireTenant(event).name : platformName()), address: String(config.mailFrom || 'no-reply@localhost') }
  const message = { from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments }
  if (config.smtpUrl) {
    transport ??= nodemailer.createTransport(String(config.smtpUrl))
    await transport.sendMail(message)
    return
  }
  const { message: raw } = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message)
  const dir = String(config.mailOutboxDir || '.data/outbox')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.to.replace(/[^\w.@-]/g, '_')}.eml`)
  await writeFile(file, raw as Buffer)
  logger().info({ file }, 'mail: no SMTP configured; written to a file')
}

/** This request's own origin (the tenant's host), for links in mails. */
export function requestOrigin(event: H3Event): string {
  const proto = trustsProxy(event)
    ? (getHeader(event, 'x-forwarded-proto') ?? '').split(',').at(-1)?.trim() || 'http'
    : getRequestProtocol(event, { xForwardedProto: false })
  return `${proto === 'https' ? 'https' : 'http'}://${requestHost(event)}`
}
