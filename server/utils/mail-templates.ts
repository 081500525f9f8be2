import type { TenantPublicProfile } from '#shared/site'
import type { EmailTemplate, EmailTemplateKind } from '#shared/schemas/workspace'
import { fillTemplate } from '#shared/schemas/workspace'
import { DEFAULT_EMAIL_TEMPLATES, EMAIL_ACTIONS } from '#shared/email-defaults'
import { cssHex } from '#shared/theme'
import type { Mail } from './mailer'

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

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
  const text = fillTemplate(body, values)
  const paragraphs = text.split(/\n\s*\n/).map(p => `<p style="line-height:1.6;margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')
  const accent = cssHex(tenant.palettes.brand[5]) ?? '#475569' // printed into a style attribute: checked again
  const action = EMAIL_ACTIONS[kind]
  const logo = tenant.theme.logo ? `<img src="${escapeHtml(origin + tenant.theme.logo)}" alt="" height="32" style="margin-bottom:16px">` : ''
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,sans-serif;color:#18181b">
<div style="max-width:480px;margin:32px auto;background:#fff;border-radius:12px;padding:32px">
${logo}<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(tenant.name)}</h1>
${paragraphs}
<p style="margin:24px 0"><a href="${escapeHtml(o.url)}" style="background:${accent};color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p>
</div></body></html>`
  return { to: o.to, fromName: tenant.name, subject: fillTemplate(subject, values).replace(/[\r\n]+/g, ' '), html, text: `${tenant.name}\n\n${text}\n\n${action}: ${o.url}\n` }
}
