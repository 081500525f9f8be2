// A jobs instance (NUXT_INSTANCE_ROLE=jobs, docs/jobs.md#web-and-jobs-instances) runs background
// jobs and serves nothing of the app: only what its orchestrator and Prometheus ask it. Anything
// else — a load balancer pointed at it by mistake — gets a 503 at once, before any tenant lookup.
const SERVED = new Set(['/api/health', '/api/ready', '/metrics'])

export default defineEventHandler((event) => {
  if (instanceRole() !== 'jobs' || SERVED.has(event.path.split('?')[0]!)) return
  setResponseStatus(event, 503)
  setResponseHeader(event, 'content-type', 'application/json; charset=utf-8')
  return { statusCode: 503, message: 'This instance runs background jobs only', data: { code: 'UNAVAILABLE' } }
})
