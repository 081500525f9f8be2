import { z } from 'zod'
import { themeSchema } from '../theme'

/** Image slots of a brand, and what each accepts. Sizes in bytes, dimensions in pixels. */
export const BRAND_ASSET_KINDS = {
  logo: { label: 'Logo', maxBytes: 512 * 1024, minSide: 16, maxSide: 2048, types: ['png', 'jpeg', 'webp', 'svg'] },
  logoDark: { label: 'Logo on dark', maxBytes: 512 * 1024, minSide: 16, maxSide: 2048, types: ['png', 'jpeg', 'webp', 'svg'] },
  favicon: { label: 'Favicon', maxBytes: 128 * 1024, minSide: 16, maxSide: 512, types: ['png', 'svg'] },
  loginBackground: { label: 'Sign-in background', maxBytes: 2 * 1024 * 1024, minSide: 200, maxSide: 4096, types: ['png', 'jpeg', 'webp'] },
} as const

export type BrandAssetKind = keyof typeof BRAND_ASSET_KINDS
export type ImageType = 'png' | 'jpeg' | 'webp' | 'svg'

export const IMAGE_MIME: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
}

export const brandAssetQuerySchema = z.object({
  kind: z.enum(Object.keys(BRAND_ASSET_KINDS) as [BrandAssetKind, ...BrandAssetKind[]], 'must be logo, logoDark, favicon or loginBackground'),
}).strict()

/** What an upload answers: the path to put in the theme, and what was stored. */
export interface UploadedAsset {
  path: string
  type: ImageType
  bytes: number
  width: number
  height: number
}

/** PUT /api/settings/branding: the whole theme, as the theme schema allows it. */
export const brandingSchema = themeSchema

/** `{{name}}` variables an email template may use, per kind (see shared/schemas/workspace.ts). */
export const emailTemplateParamsSchema = z.object({
  kind: z.enum(['invitation', 'password_reset'], 'must be invitation or password_reset'),
}).strict()
