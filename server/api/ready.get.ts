// Readiness for load balancers and orchestrators: 200 when the database answers and its
// migrations match the code, 503 otherwise (with the reasons). Answers on any host.
export default defineEventHandler(async (event) => {
  const readiness = await checkReadiness()
  setHeader(event, 'cache-control', 'no-store')
  if (!readiness.ready) setResponseStatus(event, 503)
  return readiness
})
