import type { TenantPublicProfile } from '../../shared/site'
import type { Mail } from './mailer'

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

/** A mail in the tenant's brand: its name and colour, a button for the one action, a plain-text twin. */
function branded(tenant: TenantPublicProfile, origin: string, o: { to: string, subject: string, intro: string, action: string, url: string, outro: string }): Mail {
  const accent = tenant.palettes.brand[5]!
  const logo = tenant.theme.logo ? `<img src="${escapeHtml(origin + tenant.theme.logo)}" alt="" height="32" style="margin-bottom:16px">` : ''
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,sans-serif;color:#18181b">
<div style="max-width:480px;margin:32px auto;background:#fff;border-radius:12px;padding:32px">
${logo}<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(tenant.name)}</h1>
<p style="line-height:1.6">${escapeHtml(o.intro)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(o.url)}" style="background:${accent};color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${escapeHtml(o.action)}</a></p>
<p style="line-height:1.6;color:#52525b;font-size:14px">${escapeHtml(o.outro)}</p>
</div></body></html>`
  const text = `${tenant.name}\n\n${o.intro}\n\n${o.action}: ${o.url}\n\n${o.outro}\n`
  return { to: o.to, subject: o.subject, html, text }
}

export function invitationMail(tenant: TenantPublicProfile, origin: string, to: string, inviter: string, url: string): Mail {
  return branded(tenant, origin, {
    to,
    subject: `${inviter} invited you to ${tenant.name}`,
    intro: `${inviter} invited you to join ${tenant.name}. Choose a password to set up your account.`,
    action: 'Accept invitation',
    url,
    outro: 'The link works once and expires in 7 days. If you did not expect this, ignore this email.',
  })
}

export function passwordResetMail(tenant: TenantPublicProfile, origin: string, to: string, url: string): Mail {
  return branded(tenant, origin, {
    to,
    subject: `Reset your ${tenant.name} password`,
    intro: 'Someone asked to reset the password of your account. If it was you, choose a new one.',
    action: 'Choose a new password',
    url,
    outro: 'The link works once and expires in 1 hour. If you did not ask for this, ignore this email: your password stays as it is.',
  })
}
