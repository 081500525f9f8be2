// Who is calling: the API key or person, its workspace and its permissions.
export default defineEventHandler(async (event) => {
  const request = await v1Input(event, 'GET /me')
  const { actor } = request
  const tenant = requireTenant(event)
  return v1Answer(event, request, {
    kind: actor.kind,
    id: actor.id,
    name: actor.name,
    workspace: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    permissions: actor.permissions,
  })
})
