import { recheckPendingDomains } from '#server/services/workspace/domains'

// Runs the re-check of pending custom domains now, as the scheduled `domains-recheck` job does (server/utils/jobs.ts).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const result = await recheckPendingDomains()
  await writePlatformAudit(event, { action: 'domains.rechecked', entityType: 'domain', after: result })
  return result
})
