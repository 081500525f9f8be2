import type { DeletionState } from '#shared/schemas/data'

/** The workspace's deletion request (admins only), shared by the Data page and the settings banner. */
export function useDeletionRequest() {
  const tenant = useTenant()
  return useFetch<DeletionState>('/api/settings/deletion-request', { key: `deletion-request:${tenant.value?.id}` })
}
