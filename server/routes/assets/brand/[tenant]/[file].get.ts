import { setResponseHeaders, setResponseStatus } from 'h3'
import { z } from 'zod'
import { IMAGE_MIME } from '#shared/schemas/branding'
import type { ImageType } from '#shared/schemas/branding'
import { readBrandAsset } from '#server/services/workspace/branding'

const paramsSchema = z.object({
  tenant: z.uuid(),
  file: z.string().regex(/^[0-9a-f]{24}\.(png|jpg|webp|svg)$/),
})
const TYPE_OF_EXTENSION: Record<string, ImageType> = { png: 'png', jpg: 'jpeg', webp: 'webp', svg: 'svg' }

// A tenant's uploaded brand image, on its own host only. Names are content hashes: cached for good.
export default defineEventHandler(async (event) => {
  const { tenant, file } = await parseParams(event, paramsSchema)
  const data = await readBrandAsset(requireTenant(event), tenant, file)
  // A bare 404: no error page (nor its sign-in redirect) for a missing image.
  if (!data) {
    setResponseStatus(event, 404)
    return 'Not found'
  }
  const type = TYPE_OF_EXTENSION[file.split('.')[1]!]!
  setResponseHeaders(event, {
    'Content-Type': IMAGE_MIME[type],
    'Cache-Control': 'public, max-age=31536000, immutable',
  })
  // nosniff and a sandboxing CSP (even opened on its own, an image runs and loads nothing) come with
  // every answer under /assets/brand/ (utils/security-headers.ts, kind `file`).
  return data
})
