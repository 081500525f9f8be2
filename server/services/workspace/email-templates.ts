import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import { DEFAULT_EMAIL_TEMPLATES } from '#shared/email-defaults'
import type { EmailTemplate, EmailTemplateKind, EmailTemplateOverrides } from '#shared/schemas/workspace'
import { EMAIL_TEMPLATE_KINDS, emailTemplateSchema, unknownVariables } from '#shared/schemas/workspace'
import type { Db, Tx } from '#server/database/connect'
import type { TenantScope } from '#server/utils/tenant-db'

async function overridesOf(tenantId: string, db?: Tx | Db): Promise<EmailTemplateOverrides> {
  const [row] = await (db ?? await useDb()).select({ templates: tenants.emailTemplates }).from(tenants).where(eq(tenants.id, tenantId)).limit(1)
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
export async function listEmailTemplates(scope: TenantScope): Promise<EmailTemplateView[]> {
  const overrides = await overridesOf(scope.tenantId, scope.tx)
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
export async function saveEmailTemplate(scope: TenantScope, kind: EmailTemplateKind, template: EmailTemplate | null): Promise<void> {
  if (template) {
    const unknown = unknownVariables(kind, template)
    if (unknown.length) {
      const message = `uses {{${unknown[0]}}}, which this email does not have (available: ${EMAIL_TEMPLATE_KINDS[kind].variables.map(v => `{{${v}}}`).join(', ')})`
      const field = `${template.subject}`.includes(unknown[0]!) ? 'subject' : 'body'
      throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${field} ${message}`, [{ path: field, message }])
    }
  }
  const [row] = await scope.tx.select({ templates: tenants.emailTemplates }).from(tenants).where(eq(tenants.id, scope.tenantId)).for('update')
  const before = row?.templates ?? {}
  const next: EmailTemplateOverrides = Object.fromEntries(Object.entries({ ...before, [kind]: template }).filter(([, t]) => t))
  await scope.tx.update(tenants).set({ emailTemplates: next }).where(eq(tenants.id, scope.tenantId))
  await scope.audit({ action: template ? 'settings.email_template_updated' : 'settings.email_template_reset', entityType: 'email_template', entityId: kind, before: before[kind] ?? null, after: template })
}
