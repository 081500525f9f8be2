import type { TenantPublicProfile } from '#shared/site'
import type { EmailTemplate, EmailTemplateKind } from '#shared/schemas/workspace'
import { fillTemplate } from '#shared/schemas/workspace'
import { DEFAULT_EMAIL_TEMPLATES, EMAIL_ACTIONS } from '#shared/email-defaults'
import { cssHex } from '#shared/theme'
import type { Mail } from './mailer'

/** Text made safe to print into HTML (mails, status pages). */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

/**
 * A mail in the tenant's brand: its name, logo and colour, its own text (or the default) with
 * the variables filled in, a button for the one action, and a plain-text twin. Tenant text is
 * plain text: escaped into the HTML, never markup.
 */
export function brandedMail(
  tenant: Pick<TenantPublicProfile, 'name' | 'palettes' | 'theme'>,
  origin: string,
  kind: EmailTemplateKind,
  template: EmailTemplate | undefined,
  o: { to: string, url: string, values: Record<string, string> },
): Mail {
  const { subject, body } = template ?? DEFAULT_EMAIL_TEMPLATES[kind]
  const values = { workspace: tenant.name, email: o.to, link: o.url, ...o.values }
  return brandedNotice(tenant, origin, { to: o.to, subject: fillTemplate(subject, values), text: fillTemplate(body, values), action: EMAIL_ACTIONS[kind], url: o.url })
}

/** A mail in the tenant's brand from plain text (paragraphs split on blank lines) and one action button. */
export function brandedNotice(
  tenant: Pick<TenantPublicProfile, 'name' | 'palettes' | 'theme'>,
  origin: string,
  o: { to: string, subject: string, text: string, action: string, url: string },
): Mail {
  const paragraphs = o.text.split(/\n\s*\n/).map(p => `<p style="line-height:1.6;margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')
  const accent = cssHex(tenant.palettes.brand[5]) ?? '#475569' // printed into a style attribute: checked again
  const logo = tenant.theme.logo ? `<img src="${escapeHtml(origin + tenant.theme.logo)}" alt="" height="32" style="margin-bottom:16px">` : ''
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,sans-serif;color:#18181b">
<div style="max-width:480px;margin:32px auto;background:#fff;border-radius:12px;padding:32px">
${logo}<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(tenant.name)}</h1>
${paragraphs}
<p style="margin:24px 0"><a href="${escapeHtml(o.url)}" style="background:${accent};color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${escapeHtml(o.action)}</a></p>
</div></body></html>`
  return { to: o.to, fromName: tenant.name, subject: o.subject.replace(/[\r\n]+/g, ' '), html, text: `${tenant.name}\n\n${o.text}\n\n${o.action}: ${o.url}\n` }
}
