import { endImpersonationHere } from '#server/services/identity/impersonation'

// The banner's "End impersonation": this session ends, and the answer says where to go (the console).
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  await withTenant(event, scope => endImpersonationHere(scope, principal))
  return { redirect: `${originOn(requestOrigin(event), platformDomain(event))}/admin` }
})
