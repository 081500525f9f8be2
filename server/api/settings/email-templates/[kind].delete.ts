import { emailTemplateParamsSchema } from '#shared/schemas/branding'
import { saveEmailTemplate } from '#server/services/workspace/email-templates'

// Back to the default text.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { kind } = await parseParams(event, emailTemplateParamsSchema)
  await withTenant(event, scope => saveEmailTemplate(scope, kind, null))
  return { kind, reset: true }
})
