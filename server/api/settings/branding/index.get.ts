import { BRAND_ASSET_KINDS } from '#shared/schemas/branding'

// The brand as the form edits it, what each image slot accepts, and what the plan allows.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  const tenant = requireTenant(event)
  return { theme: tenant.theme, assetKinds: BRAND_ASSET_KINDS, canHidePoweredBy: tenant.features.remove_branding }
})
