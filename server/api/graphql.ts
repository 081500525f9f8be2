import type { ApiErrorBody } from '#shared/errors'
import { answerGraphql, graphiqlAllowed, sendGraphiql, wantsGraphiql } from '#server/graphql/yoga'

// GraphQL (docs/graphql.md): GET and POST, for a signed-in person or an API key of this host's
// tenant; each field then guards itself as its REST route does. Anonymous callers get the 401 of
// the one error contract before Yoga sees the request, so introspection is for signed-in callers.
export default defineEventHandler(async (event) => {
  if (event.method !== 'GET' && event.method !== 'POST') {
    setResponseHeader(event, 'allow', 'GET, POST')
    throw apiError(405, 'BAD_REQUEST', 'GraphQL is asked with GET or POST')
  }
  const actor = requireSignedIn(event)
  if (wantsGraphiql(event)) {
    if (graphiqlAllowed(actor)) return sendGraphiql(event, requireTenant(event))
    // JSON even to a browser (a thrown error would get Nuxt's HTML error page).
    setResponseStatus(event, 403)
    setResponseHeader(event, 'content-type', 'application/json; charset=utf-8')
    return { statusCode: 403, message: 'The GraphiQL page is for workspace admins: send queries with GET ?query= or POST', data: { code: 'FORBIDDEN' } } satisfies ApiErrorBody
  }
  return answerGraphql(event)
})
