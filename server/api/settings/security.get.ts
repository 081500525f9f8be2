// The workspace's session policy and whether two-factor is required.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  const tenant = requireTenant(event)
  return { ...tenant.sessionPolicy, requireMfa: tenant.requireMfa }
})
