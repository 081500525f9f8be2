// The signed-in user of this host's tenant, or 401.
export default defineEventHandler((event) => {
  return sessionUser(requireUser(event))
})
