// The workspace's session policy.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return requireTenant(event).sessionPolicy
})
