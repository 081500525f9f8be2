import { REPORT_TEMPLATES } from '#shared/report-templates'

// The templates this person can start from: those over record types they read.
export default defineEventHandler((event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  return REPORT_TEMPLATES.filter(t => user.readable.includes(t.definition.source))
})
