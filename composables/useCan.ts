import type { Permission } from '#shared/permissions'

/** `can('analytics:read')`: whether the signed-in user's role grants a permission (UI only; the server decides). */
export function useCan() {
  const { data } = useAuth()
  return (permission: Permission) => (data.value?.permissions as string[] | undefined)?.includes(permission) === true
}
