// The workspace's IP allowlist, and the address this request comes from (to help fill it in).
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return { ranges: requireTenant(event).ipAllowlist, yourAddress: plainIp(event.context.clientIp) }
})
