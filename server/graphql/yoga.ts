import type { H3Event } from 'h3'
import { getRequestHeaders, isError, readRawBody } from 'h3'
import { GraphQLError } from 'graphql'
import { createYoga, maskError as yogaMaskError } from 'graphql-yoga'
import type { YogaServerInstance } from 'graphql-yoga'
import type { TenantActor } from '#server/utils/permissions'
import type { TenantContext } from '#server/utils/tenant'
import { escapeHtml } from '#server/utils/mail-templates'
import { useGraphqlLimits } from './limits'
import type { GraphqlContext } from './schema'
import { graphqlSchema } from './schema'

export const GRAPHQL_PATH = '/api/graphql'

/**
 * An error a service threw in the one API contract (`apiError`: status, code, issues; a stale
 * edit's current record) as a GraphQL error with the same code in `extensions`; what the database
 * refused, translated as the error plugin does for REST (utils/db-errors.ts). Anything else is
 * unexpected: logged, and answered as INTERNAL with no detail.
 */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const located = error instanceof GraphQLError ? error : undefined
  const original = located ? located.originalError : error
  const at = { nodes: located?.nodes, path: located?.path }
  if (original && isError(original) && original.statusCode < 500) {
    const data = (original.data ?? {}) as { code?: string, issues?: unknown, current?: unknown }
    const extensions: Record<string, unknown> = { code: data.code ?? 'BAD_REQUEST', status: original.statusCode }
    if (data.issues) extensions.issues = data.issues
    if (data.current) extensions.current = data.current
    return new GraphQLError(original.message, { ...at, extensions })
  }
  if (located && !located.originalError) return located
  const verdict = databaseVerdict(original)
  if (verdict) return new GraphQLError(verdict.message, { ...at, extensions: { code: verdict.code, status: verdict.status } })
  logger().error({ err: original, path: located?.path?.join('.') }, 'graphql: unexpected error')
  const masked = yogaMaskError(error, message, isDev) as GraphQLError
  return new GraphQLError(masked.message, { ...at, extensions: { code: 'INTERNAL' } })
}

let yoga: YogaServerInstance<{ event: H3Event }, GraphqlContext> | undefined

/** The one Yoga instance: schema and limits only, no state of any request or tenant. */
function graphqlServer() {
  yoga ??= createYoga<{ event: H3Event }, GraphqlContext>({
    schema: graphqlSchema,
    graphqlEndpoint: GRAPHQL_PATH,
    // GraphiQL is answered by the route itself, only to those allowed it (graphiqlAllowed).
    graphiql: false,
    landingPage: false,
    // Same-origin only: Yoga's default would answer any origin's browser, credentials included.
    cors: false,
    multipart: false,
    batching: false,
    logging: false,
    maskedErrors: { maskError },
    plugins: [useGraphqlLimits()],
  })
  return yoga
}

/** Answers a GraphQL request (GET or POST) through Yoga, with the event as the resolvers' context. */
export async function answerGraphql(event: H3Event): Promise<string> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(getRequestHeaders(event))) {
    if (value !== undefined) headers.set(name, value)
  }
  // The body may already have been read (the idempotency middleware keeps it): h3 caches it.
  const body = event.method === 'POST' ? await readRawBody(event, 'utf8') : undefined
  const request = new Request(new URL(event.path, 'http://graphql.local'), { method: event.method, headers, body: body ?? undefined })
  const response = await graphqlServer().fetch(request, { event })
  setResponseStatus(event, response.status)
  response.headers.forEach((value, name) => {
    if (name !== 'content-length') setResponseHeader(event, name, value)
  })
  return response.text()
}

/** A browser asking for the page (HTML, no query), not a client asking for data. */
export function wantsGraphiql(event: H3Event): boolean {
  return event.method === 'GET' && (getHeader(event, 'accept') ?? '').includes('text/html') && getQuery(event).query === undefined
}

/**
 * GraphiQL is a tool for people: in development for anyone signed in, elsewhere only for a
 * person holding `settings:admin` (API keys never get a page).
 */
export function graphiqlAllowed(actor: TenantActor): boolean {
  if (import.meta.dev) return actor.kind === 'user'
  return actor.kind === 'user' && actor.permissions.includes('settings:admin')
}

/**
 * The GraphiQL page, whole in one answer (Yoga's self-contained build: scripts, styles and editor
 * workers inline, nothing from a CDN), under its own CSP: scripts only with this request's nonce,
 * the editor's workers from the blob: URLs the page makes, requests only to this origin.
 */
export async function sendGraphiql(event: H3Event, tenant: TenantContext): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql')
  const nonce = cspNonce(event)
  // The workspace's brand, not the library's: its logo (from its own origin) and favicon, or none.
  const logo = tenant.theme.logo ? `<img src="${escapeHtml(tenant.theme.logo)}" alt="${escapeHtml(tenant.name)}" style="max-width:32px;max-height:32px">` : ''
  const html = renderGraphiQL({
    title: `${tenant.name} · GraphQL`, endpoint: GRAPHQL_PATH, credentials: 'same-origin', logo, ...(tenant.theme.favicon ? { favicon: escapeHtml(tenant.theme.favicon) } : {}),
    defaultQuery: '{\n  viewer {\n    kind\n    permissions\n  }\n}\n',
  })
    // The template's one tag only: the inlined bundle must stay byte for byte as it is.
    .replace('<script>', `<script nonce="${nonce}">`)
  setResponseHeaders(event, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': [
      `default-src 'none'`,
      `script-src 'nonce-${nonce}'`,
      `worker-src blob:`,
      // The editor adds <style> elements as it runs; a nonce would forbid those.
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data:`,
      `font-src 'self' data:`,
      `connect-src 'self'`,
      `base-uri 'none'`,
      `form-action 'none'`,
      `frame-ancestors 'none'`,
    ].join('; '),
  })
  return html
}
