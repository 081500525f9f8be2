import { emailTemplateParamsSchema } from '#shared/schemas/branding'
import { emailTemplateSchema } from '#shared/schemas/workspace'
import { saveEmailTemplate } from '#server/services/workspace/email-templates'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { kind } = await parseParams(event, emailTemplateParamsSchema)
  const template = await parseBody(event, emailTemplateSchema)
  await withTenant(event, scope => saveEmailTemplate(scope, kind, template))
  return { kind, ...template }
})
