import { documentFor } from '#server/openapi/document'

// The v1 contract as OpenAPI 3.1, with this workspace's own address as its server and the
// operations of the modules its plan has. Public: it
// describes the API, holds no data, and the reference page at /developers reads it before sign-in.
export default defineEventHandler((event) => {
  const tenant = requireTenant(event)
  setResponseHeader(event, 'cache-control', 'public, max-age=300')
  return documentFor(requestOrigin(event), tenant)
})
