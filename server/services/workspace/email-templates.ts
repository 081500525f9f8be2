import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import { DEFAULT_EMAIL_TEMPLATES } from '#shared/email-defaults'
import type { EmailTemplate, EmailTemplateKind, EmailTemplateOverrides } from '#shared/schemas/workspace'
import { EMAIL_TEMPLATE_KINDS, emailTemplateSchema, unknownVariables } from '#shared/schemas/workspace'

async function overridesOf(tenantId: string): Promise<EmailTemplateOverrides> {
  const db = await useDb()
  const [row] = await db.select({ templates: tenants.emailTemplates }).from(tenants).where(eq(tenants.id, tenantId)).limit(1)
  return row?.templates ?? {}
}

/** The tenant's own text for one email, or undefined for the default (read at send time: mails are rare). */
export async function tenantEmailTemplate(tenantId: string, kind: EmailTemplateKind): Promise<EmailTemplate | undefined> {
  const stored = (await overridesOf(tenantId))[kind]
  const parsed = emailTemplateSchema.safeParse(stored)
  return parsed.success ? parsed.data : undefined
}

export interface EmailTemplateView extends EmailTemplate {
  kind: EmailTemplateKind
  label: string
  variables: readonly string[]
  isDefault: boolean
  default: EmailTemplate
}

/** Every email a tenant may rewrite: its current text, the default, and the variables it offers. */
export async function listEmailTemplates(event: H3Event): Promise<EmailTemplateView[]> {
  const tenant = requireTenant(event)
  const overrides = await overridesOf(tenant.id)
  return (Object.keys(EMAIL_TEMPLATE_KINDS) as EmailTemplateKind[]).map((kind) => {
    const own = emailTemplateSchema.safeParse(overrides[kind])
    return {
      kind,
      label: EMAIL_TEMPLATE_KINDS[kind].label,
      variables: EMAIL_TEMPLATE_KINDS[kind].variables,
      ...(own.success ? own.data : DEFAULT_EMAIL_TEMPLATES[kind]),
      isDefault: !own.success,
      default: DEFAULT_EMAIL_TEMPLATES[kind],
    }
  })
}

/** Saves one email's text (`null` resets it to the default); a variable the email lacks is refused. */
export async function saveEmailTemplate(event: H3Event, kind: EmailTemplateKind, template: EmailTemplate | null): Promise<void> {
  const tenant = requireTenant(event)
  if (template) {
    const unknown = unknownVariables(kind, template)
    if (unknown.length) {
      const message = `uses {{${unknown[0]}}}, which this email does not have (available: ${EMAIL_TEMPLATE_KINDS[kind].variables.map(v => `{{${v}}}`).join(', ')})`
      const field = `${template.subject}`.includes(unknown[0]!) ? 'subject' : 'body'
      throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${field} ${message}`, [{ path: field, message }])
    }
  }
  await withTenant(event, async (scope) => {
    const [row] = await scope.tx.select({ templates: tenants.emailTemplates }).from(tenants).where(eq(tenants.id, tenant.id)).for('update')
    const before = row?.templates ?? {}
    const next: EmailTemplateOverrides = Object.fromEntries(Object.entries({ ...before, [kind]: template }).filter(([, t]) => t))
    await scope.tx.update(tenants).set({ emailTemplates: next }).where(eq(tenants.id, tenant.id))
    await writeAudit(event, scope, { action: template ? 'settings.email_template_updated' : 'settings.email_template_reset', entityType: 'email_template', entityId: kind, before: before[kind] ?? null, after: template })
  })
}
