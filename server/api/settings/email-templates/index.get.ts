import { listEmailTemplates } from '#server/services/workspace/email-templates'

export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return withTenant(event, listEmailTemplates)
})
