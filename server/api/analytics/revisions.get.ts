import { createHash } from 'node:crypto'
import { publicRevisions, readRevisions } from '#server/utils/revisions'

// What a dashboard polls: one revision per source it may read, with an ETag; an unchanged poll
// answers 304 with no body, and a changed one tells which widgets to refetch.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'dashboard:read')
  const revisions = publicRevisions(await readRevisions(requireTenant(event).id), readableSources(event))
  const etag = `"${createHash('sha1').update(JSON.stringify(revisions)).digest('base64url')}"`
  setResponseHeader(event, 'ETag', etag)
  setResponseHeader(event, 'Cache-Control', 'private, no-cache')
  const wanted = getRequestHeader(event, 'if-none-match')
  if (wanted && wanted.split(',').map(v => v.trim().replace(/^W\//, '')).includes(etag)) {
    setResponseStatus(event, 304)
    return null
  }
  return revisions
})
