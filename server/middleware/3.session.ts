// Third on every request: cookie → principal, only for the tenant this host serves.
export default defineEventHandler(async (event) => {
  if (event.context.site?.kind !== 'tenant') return
  const principal = await resolvePrincipal(event)
  if (principal) {
    event.context.principal = principal
    event.context.actor = { type: 'user', id: principal.id }
  }
})
