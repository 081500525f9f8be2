import { getRequestHeader, readMultipartFormData } from 'h3'
import { BRAND_ASSET_KINDS, brandAssetQuerySchema } from '#shared/schemas/branding'
import { uploadBrandAsset } from '#server/services/workspace/branding'

// Uploads one brand image (multipart field `file`) for the slot `?kind=`; answers its path.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { kind } = await parseQuery(event, brandAssetQuerySchema)
  // Refuse an oversized body before reading it into memory (the form's own overhead is small).
  const length = Number(getRequestHeader(event, 'content-length'))
  if (!Number.isFinite(length) || length <= 0) throw apiError(400, 'BAD_REQUEST', 'file: send the image as multipart/form-data with a Content-Length', [{ path: 'file', message: 'missing' }])
  const limit = BRAND_ASSET_KINDS[kind].maxBytes
  if (length > limit + 16 * 1024) throw apiError(413, 'PAYLOAD_TOO_LARGE', `file: ${BRAND_ASSET_KINDS[kind].label} must be at most ${Math.round(limit / 1024)} KB`, [{ path: 'file', message: 'too large' }])

  let parts: Awaited<ReturnType<typeof readMultipartFormData>>
  try {
    parts = await readMultipartFormData(event)
  }
  catch {
    throw apiError(400, 'BAD_REQUEST', 'file: the request is not valid multipart/form-data', [{ path: 'file', message: 'unreadable' }])
  }
  const file = parts?.find(p => p.name === 'file' && p.filename !== undefined)
  if (!file) throw apiError(400, 'VALIDATION_FAILED', 'file: choose an image to upload', [{ path: 'file', message: 'missing' }])
  return withTenant(event, scope => uploadBrandAsset(scope, kind, { data: file.data, type: file.type, filename: file.filename }))
})
