import type { H3Event } from 'h3'
import type { FeatureKey } from '#shared/features'

/** Guard for a module's routes: 404 unless the feature is on for this request's tenant. */
export function requireFeature(event: H3Event, key: FeatureKey): void {
  const tenant = requireTenant(event)
  if (!tenant.features[key]) {
    throw apiError(404, 'FEATURE_DISABLED', 'This module is not available in this workspace')
  }
}
