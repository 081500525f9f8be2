import type { TenantPublicProfile } from '#shared/site'
import { THEME_FONTS, cssHex, themeFontStack } from '#shared/theme'

import { escapeHtml } from './mail-templates'

interface PageOptions {
  title: string
  heading: string
  body: string
  /** Validated palette values and font from a tenant theme; plain neutrals otherwise. */
  accent?: string
  font?: string
  logo?: string | null
  favicon?: string | null
  link?: { href: string, label: string }
  /** The request's CSP nonce (utils/security-headers.ts): the page's one `<style>` carries it. */
  nonce: string
}

/** A small self-contained HTML page for answers given before the app renders (no scripts; its style nonced). */
function page(o: PageOptions): string {
  // Checked again where they become CSS (shared/theme.ts): a hex colour and a listed font stack.
  const accent = cssHex(o.accent) ?? '#475569'
  const font = o.font ?? THEME_FONTS.system
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(o.title)}</title>${o.favicon ? `<link rel="icon" href="${escapeHtml(o.favicon)}">` : ''}
<style nonce="${escapeHtml(o.nonce)}">:root{color-scheme:light dark}body{margin:0;min-height:100vh;display:grid;place-items:center;font-family:${font};background:#f8fafc;color:#0f172a}
main{max-width:28rem;padding:2.5rem;text-align:center}img{height:2.5rem;margin-bottom:1.5rem}
h1{font-size:1.5rem;margin:0 0 .75rem}p{margin:0;color:#475569;line-height:1.6}a{display:inline-block;margin-top:1.5rem;color:${accent};font-weight:600}.bar{height:4px;width:3rem;margin:0 auto 1.5rem;border-radius:2px;background:${accent}}
@media (prefers-color-scheme:dark){body{background:#0b1120;color:#e2e8f0}p{color:#94a3b8}}</style></head>
<body><main>${o.logo ? `<img src="${escapeHtml(o.logo)}" alt="">` : '<div class="bar"></div>'}<h1>${escapeHtml(o.heading)}</h1><p>${escapeHtml(o.body)}</p>${o.link ? `<a href="${escapeHtml(o.link.href)}">${escapeHtml(o.link.label)}</a>` : ''}</main></body></html>`
}

/** 404 for a host that serves no workspace; it names no tenant. */
export function unknownHostPage(nonce: string): string {
  return page({
    nonce,
    title: 'No workspace here',
    heading: 'There is no workspace at this address',
    body: 'Check the address you typed, or ask whoever sent you the link for the right one.',
  })
}

/** 400 for a Host header that is not a valid host name. */
export function invalidHostPage(nonce: string): string {
  return page({ nonce, title: 'Bad request', heading: 'This address is not valid', body: 'The host name of this request could not be read.' })
}

/** 403 for a suspended tenant, in that tenant's brand. */
export function suspendedPage(tenant: TenantPublicProfile, nonce: string): string {
  return page({
    nonce,
    title: `${tenant.name} is unavailable`,
    heading: `${tenant.name} is currently unavailable`,
    body: 'This workspace has been suspended. If you work here, please contact your administrator.',
    accent: tenant.palettes.brand[5],
    font: themeFontStack(tenant.theme.font),
    logo: tenant.theme.logo,
    favicon: tenant.theme.favicon,
  })
}

/** 400 after a failed single sign-on, in the tenant's brand, with the way back to sign-in. */
export function ssoFailedPage(tenant: TenantPublicProfile, reason: string, nonce: string): string {
  return page({
    nonce,
    title: `Sign-in to ${tenant.name} failed`,
    heading: 'Single sign-on did not work',
    body: reason,
    accent: tenant.palettes.brand[5],
    font: themeFontStack(tenant.theme.font),
    logo: tenant.theme.logo,
    favicon: tenant.theme.favicon,
    link: { href: '/login', label: 'Back to sign in' },
  })
}

/** 403 for an address outside the workspace's IP allowlist, in its brand; it names no address rule. */
export function ipRefusedPage(tenant: TenantPublicProfile, nonce: string): string {
  return page({
    nonce,
    title: `${tenant.name} is not reachable from here`,
    heading: `${tenant.name} is not reachable from your network`,
    body: 'This workspace only accepts connections from its approved networks. Connect through your organisation\'s network or VPN, or ask an administrator.',
    accent: tenant.palettes.brand[5],
    font: themeFontStack(tenant.theme.font),
    logo: tenant.theme.logo,
    favicon: tenant.theme.favicon,
  })
}

/** 400/410 for an impersonation hand-off link that is not valid here or is spent, in the tenant's brand. */
export function impersonationRefusedPage(tenant: TenantPublicProfile, reason: string, nonce: string): string {
  return page({
    nonce,
    title: `Impersonation refused · ${tenant.name}`,
    heading: 'This impersonation link cannot be used',
    body: reason,
    accent: tenant.palettes.brand[5],
    font: themeFontStack(tenant.theme.font),
    logo: tenant.theme.logo,
    favicon: tenant.theme.favicon,
  })
}
