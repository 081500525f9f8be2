import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'

// The one place the security headers are decided (docs/security.md, "Security headers").
// server/plugins/0.security-headers.ts sends them on every answer and puts the nonce on the
// inline tags of every server-rendered page.

/** What an answer can be, as far as its policy goes: an app page, a JSON or static answer, a tenant's uploaded file. */
export type HeaderKind = 'page' | 'api' | 'file'

/** A fresh CSP nonce: 128 random bits, base64 (one per request, never reused). */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64')
}

/** The request's CSP nonce (set by the security-headers plugin); inline tags of its HTML must carry it. */
export function cspNonce(event: H3Event): string {
  return event.context.cspNonce ??= newCspNonce()
}

/**
 * Which policy a path gets. Everything that may render a page (app routes, the branded status
 * pages of unknown or suspended hosts) is a page; `/api/*`, build assets and metrics are never
 * documents; a tenant's uploaded brand files are untrusted and sandboxed.
 */
export function headerKind(path: string): HeaderKind {
  if (path.startsWith('/assets/brand/')) return 'file'
  if (path.startsWith('/api/') || path.startsWith('/_nuxt/') || path === '/metrics') return 'api'
  return 'page'
}

/**
 * The Content-Security-Policy of one answer.
 * - page: scripts only from our origin or inline with this request's nonce (no 'strict-dynamic':
 *   Vite's chunks and their dynamic imports are all same-origin, which 'self' covers); `<style>`
 *   elements the same; style *attributes* stay allowed (`style-src-attr`), since Vue, Nuxt UI
 *   and ECharts set them; images, fonts and fetches from our own origin (tenant logos are
 *   served from it), plus data:/blob: images and data: fonts; never framed.
 * - api: a JSON answer runs and loads nothing; the few HTML answers under /api (the branded
 *   sign-in failure pages) keep their nonced `<style>` and the tenant's logo.
 * - file: an uploaded image, even opened on its own (an SVG can hold script), runs nothing.
 */
export function contentSecurityPolicy(kind: HeaderKind, nonce: string): string {
  const n = `'nonce-${nonce}'`
  const directives: Record<HeaderKind, string[]> = {
    page: [
      `default-src 'self'`,
      `script-src 'self' ${n}`,
      `style-src 'self' ${n}`,
      `style-src-attr 'unsafe-inline'`,
      `img-src 'self' data: blob:`,
      `font-src 'self' data:`,
      `connect-src 'self'`,
      `object-src 'none'`,
      `base-uri 'self'`,
      `form-action 'self'`,
      `frame-ancestors 'none'`,
    ],
    api: [
      `default-src 'none'`,
      `style-src ${n}`,
      `img-src 'self'`,
      `base-uri 'none'`,
      `form-action 'none'`,
      `frame-ancestors 'none'`,
    ],
    file: [
      `default-src 'none'`,
      `style-src 'unsafe-inline'`,
      `frame-ancestors 'none'`,
      `sandbox`,
    ],
  }
  return directives[kind].join('; ')
}

/** Browser features no page of ours uses: denied to the page and to anything it embeds. */
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'geolocation',
  'gyroscope', 'hid', 'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture',
  'publickey-credentials-get', 'serial', 'usb', 'xr-spatial-tracking',
].map(feature => `${feature}=()`).join(', ')

/** Two years would be the preload list's wish; one year, with subdomains (every tenant's `<slug>.<platform>`). */
export const HSTS = 'max-age=31536000; includeSubDomains'

export interface SecurityHeaderOptions {
  kind: HeaderKind
  nonce: string
  /** The request came over TLS (directly, or per a trusted proxy): only then HSTS. */
  https: boolean
  /**
   * HTTPS or a loopback host: only there does a browser apply Cross-Origin-Opener-Policy (it
   * logs an error for it anywhere else, e.g. plain HTTP on a custom domain in a test set-up).
   */
  trustworthy: boolean
  /** `nuxt dev`: pages go without CSP (Vite's HMR client and injected styles), and nothing gets HSTS. */
  dev: boolean
}

/** Every security header of one answer, by name. */
export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': PERMISSIONS_POLICY,
  }
  if (o.trustworthy || o.https) headers['Cross-Origin-Opener-Policy'] = 'same-origin'
  if (!(o.dev && o.kind === 'page')) headers['Content-Security-Policy'] = contentSecurityPolicy(o.kind, o.nonce)
  if (o.https && !o.dev) headers['Strict-Transport-Security'] = HSTS
  return headers
}

const OPENING_TAG = /<(script|style)\b([^>]*)>/gi

/**
 * Puts `nonce` on every `<script>` and `<style>` opening tag of a piece of HTML that has none.
 * Only for HTML we generate (the head and closing tags Nuxt renders, our status pages): never for
 * a page's body, where sanitised user HTML could hold a `<style>` the nonce must not bless.
 */
export function withNonce(html: string, nonce: string): string {
  return html.replace(OPENING_TAG, (tag, name: string, attrs: string) =>
    /\snonce=/i.test(attrs) ? tag : `<${name} nonce="${nonce}"${attrs}>`)
}
