import { endImpersonationHere } from '#server/services/identity/impersonation'

// The banner's "End impersonation": this session ends, and the answer says where to go (the console).
export default defineEventHandler(async (event) => {
  requireUser(event)
  return endImpersonationHere(event)
})
