// Liveness for load balancers: answers without touching the host, the tenant or the database.
export default defineEventHandler(() => ({ status: 'ok' }))
