import { listEmailTemplates } from '../../../services/email-templates'

export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return listEmailTemplates(event)
})
