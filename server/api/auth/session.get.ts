// The signed-in person of this host — a tenant user, or a super admin on the platform domain — or 401.
export default defineEventHandler((event) => {
  if (requireSite(event).kind === 'platform') return platformSessionUser(requirePlatformAdmin(event, { enrolling: true }))
  return sessionUser(requireUser(event), requireTenant(event))
})
