import { createHash } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { tenants, usageDaily } from '#drizzle/schema'
import type { BrandAssetKind, ImageType, UploadedAsset } from '#shared/schemas/branding'
import { BRAND_ASSET_KINDS } from '#shared/schemas/branding'
import type { Theme } from '#shared/theme'
import { isoDay } from './usage'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import type { TenantRunner } from '#server/utils/scope-runner'

const ASSET_PREFIX = '/assets/brand/'
const EXTENSION: Record<ImageType, string> = { png: 'png', jpeg: 'jpg', webp: 'webp', svg: 'svg' }
const fieldError = (statusCode: number, code: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE', message: string) =>
  apiError(statusCode, code, `file: ${message}`, [{ path: 'file', message }])

/** Blob key of a tenant's brand file; its public path is `/assets/brand/<tenant>/<name>`. */
export const brandAssetKey = (tenantId: string, name: string) => `brand:${tenantId}:${name}`

/** The latest stored-bytes level of a tenant (usage metric `storage_bytes`). */
async function storageUsed(scope: TenantScope): Promise<number> {
  const [row] = await scope.tx.select({ value: usageDaily.value }).from(usageDaily)
    .where(scope.where(usageDaily, eq(usageDaily.metric, 'storage_bytes')))
    .orderBy(desc(usageDaily.day)).limit(1)
  return row?.value ?? 0
}

/**
 * Checks an uploaded image against its slot (type by content, size, dimensions; SVG free of
 * scripts and outside references) and the plan's storage, then stores it under a content hash.
 * The theme is untouched: the form saves the returned path with the rest of the brand.
 */
export async function uploadBrandAsset(scope: TenantScope, kind: BrandAssetKind, file: { data: Buffer, type?: string, filename?: string }): Promise<UploadedAsset> {
  const tenant = { id: scope.tenantId }
  const slot = BRAND_ASSET_KINDS[kind]
  const accepted = slot.types.join(', ').toUpperCase()
  if (file.data.length === 0) throw fieldError(400, 'VALIDATION_FAILED', 'the file is empty')
  if (file.data.length > slot.maxBytes) throw fieldError(413, 'PAYLOAD_TOO_LARGE', `${slot.label} must be at most ${Math.round(slot.maxBytes / 1024)} KB (this file is ${Math.ceil(file.data.length / 1024)} KB)`)

  const type = sniffImageType(file.data)
  if (!type || !(slot.types as readonly string[]).includes(type)) throw fieldError(415, 'UNSUPPORTED_MEDIA_TYPE', `${slot.label} must be ${accepted}${type ? ` (this file is ${type.toUpperCase()})` : ' (this file is not an image of those kinds)'}`)
  if (file.type && file.type !== 'application/octet-stream' && !file.type.startsWith(`image/${type === 'jpeg' ? 'jp' : type}`)) {
    throw fieldError(415, 'UNSUPPORTED_MEDIA_TYPE', `the file says it is ${file.type} but its content is ${type.toUpperCase()}`)
  }

  let data = file.data
  if (type === 'svg') {
    const { clean, removed } = await sanitizeSvg(file.data.toString('utf8'))
    if (removed.length) throw fieldError(422, 'VALIDATION_FAILED', `the SVG contains things an image may not: ${removed.slice(0, 4).join(', ')}. Export it again without scripts, event handlers or links to other files`)
    data = Buffer.from(clean, 'utf8')
  }
  const size = imageDimensions(data)
  if (!size) throw fieldError(422, 'VALIDATION_FAILED', `the image's size cannot be read${type === 'svg' ? ' (give the SVG a width and height or a viewBox)' : ''}`)
  if (Math.min(size.width, size.height) < slot.minSide || Math.max(size.width, size.height) > slot.maxSide) {
    throw fieldError(422, 'VALIDATION_FAILED', `${slot.label} must be between ${slot.minSide} and ${slot.maxSide} pixels on each side (this one is ${size.width}×${size.height})`)
  }

  const name = `${createHash('sha256').update(data).digest('hex').slice(0, 24)}.${EXTENSION[type]}`
  const key = brandAssetKey(tenant.id, name)
  const path = `${ASSET_PREFIX}${tenant.id}/${name}`
  const storage = blobStorage()
  const isNew = !(await storage.hasItem(key))

  if (isNew) {
    const limitMb = (await lockPlanLimits(scope, tenant.id)).storageMb
    const used = await storageUsed(scope)
    if (limitMb !== null && used + data.length > limitMb * 1024 * 1024) {
      throw apiError(409, 'PLAN_LIMIT', `file: this upload would take the workspace past its plan's ${limitMb} MB of storage. Remove files or upgrade the plan.`, [{ path: 'file', message: 'storage limit reached' }])
    }
    await scope.tx.insert(usageDaily).values({ tenantId: tenant.id, day: isoDay(), metric: 'storage_bytes', value: used + data.length })
      .onConflictDoUpdate({ target: [usageDaily.tenantId, usageDaily.metric, usageDaily.day], set: { value: used + data.length } })
  }
  await scope.audit({ action: 'branding.asset_uploaded', entityType: 'brand_asset', entityId: name, after: { kind, path, type, bytes: data.length, ...size } })
  // Stored last, inside the transaction: a refused upload leaves no file and no usage behind.
  if (isNew) await storage.setItemRaw(key, data)
  return { path, type, bytes: data.length, ...size }
}

/** A theme path is acceptable when it is unchanged, or one of this tenant's own uploads. */
async function checkAssetPaths(tenantId: string, current: Theme, next: Theme) {
  const issues: { path: string, message: string }[] = []
  for (const field of ['logo', 'logoDark', 'favicon', 'loginBackground'] as const) {
    const value = next[field]
    if (!value || value === current[field]) continue
    const own = `${ASSET_PREFIX}${tenantId}/`
    const name = value.startsWith(own) ? value.slice(own.length) : null
    if (!name || name.includes('/') || !(await blobStorage().hasItem(brandAssetKey(tenantId, name)))) {
      issues.push({ path: field, message: 'must be an image uploaded to this workspace' })
    }
  }
  if (issues.length) throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${issues[0]!.path} ${issues[0]!.message}`, issues)
}

/**
 * Saves the whole brand; every app instance shows it from its next request (shared cache, dropped
 * after the commit: hence a runner).
 */
export async function updateBranding(run: TenantRunner, theme: Theme): Promise<Theme> {
  const tenantId = await run(async (scope) => {
    const tenant = scope.tenant
    await checkAssetPaths(tenant.id, tenant.theme, theme)
    if (theme.hidePoweredBy && !tenant.features.remove_branding) {
      throw apiError(403, 'FEATURE_DISABLED', 'hidePoweredBy: hiding the "powered by" line is not part of this workspace\'s plan', [{ path: 'hidePoweredBy', message: 'not part of the plan' }])
    }
    await scope.tx.update(tenants).set({ theme }).where(eq(tenants.id, tenant.id))
    await scope.audit({ action: 'branding.updated', entityType: 'tenant', entityId: tenant.id, before: tenant.theme, after: theme })
    return tenant.id
  })
  await invalidateTenant(tenantId)
  return theme
}

/** One brand file of `tenant` (this host's), or null (another tenant's files are not served here). */
export async function readBrandAsset(tenant: Pick<TenantContext, 'id'>, tenantId: string, name: string): Promise<Buffer | null> {
  if (tenant.id !== tenantId) return null
  const raw = await blobStorage().getItemRaw<Buffer | Uint8Array>(brandAssetKey(tenantId, name))
  return raw ? Buffer.from(raw) : null
}
