import type { ServerResponse } from 'node:http'

// Security headers on every answer — pages, JSON, errors, the static files Nitro serves — and the
// CSP nonce on the inline tags of every server-rendered page. What is sent is decided in one place,
// server/utils/security-headers.ts.
export default defineNitroPlugin((nitroApp) => {
  // First thing of every request, before any handler, so an early answer or an error carries them
  // too. (Nuxt's HTML error page is rendered by an inner request whose headers, CSP with its own
  // nonce included, are copied onto the answer: the nonce always matches the page sent.)
  nitroApp.hooks.hook('request', (event) => {
    const headers = securityHeaders({
      kind: headerKind(event.path),
      nonce: cspNonce(event),
      https: requestIsHttps(event),
      trustworthy: requestOriginTrustworthy(event),
      dev: import.meta.dev === true,
    })
    setResponseHeaders(event, headers)
    keepBeforeHead(event.node.res, headers)
  })

  // The head (Nuxt's config and payload scripts, the colour-mode script, the tenant
  // theme and Nuxt UI's colour `<style>`s) and the closing body tags. Module plugins hook this
  // before ours, so their tags are already in. The page's body is left alone (see withNonce).
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = cspNonce(event)
    html.head = html.head.map(chunk => withNonce(chunk, nonce))
    html.bodyAppend = html.bodyAppend.map(chunk => withNonce(chunk, nonce))
  })

  // A white-label page names no framework either.
  nitroApp.hooks.hook('render:response', (response) => {
    if (response.headers) delete response.headers['x-powered-by']
  })
})

/**
 * Nitro's JSON error handler writes security headers of its own over ours (`Referrer-Policy:
 * no-referrer`, `Content-Security-Policy: script-src 'none'`): ours are put back just before the
 * head of the answer is written, so an error says what every other answer says. An HTML answer
 * keeps the CSP it carries — ours, or on Nuxt's error page the one its inner render sent, whose
 * nonce is the one on its tags.
 */
function keepBeforeHead(res: ServerResponse, headers: Record<string, string>) {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!res.headersSent) {
      const html = String(res.getHeader('content-type') ?? '').includes('text/html')
      for (const [name, value] of Object.entries(headers)) {
        if (!(html && name === 'Content-Security-Policy')) res.setHeader(name, value)
      }
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}
