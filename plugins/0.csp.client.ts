import { z } from 'zod'

// What the browser side needs to live under the page's Content-Security-Policy
// (server/utils/security-headers.ts, docs/security.md#security-headers). Done when this module
// loads, not in a plugin's setup: Nuxt's router plugin loads the first page's chunks (and the
// schemas and libraries they import) before our plugins run.

// zod compiles object parsers with `new Function` when it may, and probes for it as each object
// schema is built; the policy has no 'unsafe-eval', so the probe would be refused and reported
// as a violation on every page. zod parses the same without it.
z.config({ jitless: true })

// `<style>` elements need the page's nonce. Some are made by script after load: @nuxt/icon's CSS
// for an icon first drawn in the browser, grid-layout-plus's stylesheet (made as its chunk loads),
// head updates. Each `<style>` element created by our own scripts gets the nonce the server gave
// this page. Markup injected into the page does not: the HTML parser never goes through
// createElement.
const nonce = document.querySelector<HTMLElement>('script[nonce]')?.nonce
if (nonce) {
  const createElement = Document.prototype.createElement
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = createElement.call(this, tagName, options)
    if (element instanceof HTMLStyleElement) element.nonce = nonce
    return element
  } as typeof Document.prototype.createElement
}

export default defineNuxtPlugin({ name: 'atrium:csp', enforce: 'pre', setup() {} })
