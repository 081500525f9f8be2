// "Sign out everywhere": ends every session of the signed-in user, this one included.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'sign out everywhere')
  const revoked = await withTenant(event, async (scope) => {
    const n = await revokeUserSessions(scope, principal.id)
    await writeAudit(event, scope, { action: 'auth.signed_out_everywhere', entityType: 'user', entityId: principal.id, after: { revoked: n } })
    return n
  })
  clearSessionCookie(event)
  return { revoked }
})
