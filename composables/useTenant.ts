/** The current workspace's public profile (read-only), or null on the platform domain. */
export function useTenant() {
  const store = useSiteStore()
  return computed(() => store.tenant)
}
