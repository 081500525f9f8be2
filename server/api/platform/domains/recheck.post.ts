import { recheckPendingDomains } from '#server/services/workspace/domains'

// Runs the re-check of pending custom domains now, as the scheduled `domains-recheck` job does (server/utils/jobs.ts).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  // The re-check opens one transaction per tenant (as the job does); its audit entry follows in its own.
  const result = await recheckPendingDomains()
  await withPlatform(event, scope => scope.audit({ action: 'domains.rechecked', entityType: 'domain', after: result }))
  return result
})
