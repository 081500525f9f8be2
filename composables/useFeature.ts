import type { FeatureKey } from '#shared/features'

/** Whether a feature is on for the current workspace (effective: plan → override → kill switch). */
export function useFeature(key: FeatureKey) {
  const store = useSiteStore()
  return computed(() => store.tenant?.features[key] === true)
}
