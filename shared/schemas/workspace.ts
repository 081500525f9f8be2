import { z } from 'zod'

/** Locales offered for dates and numbers (each one Intl formats natively). */
export const WORKSPACE_LOCALES = {
  'en-US': 'English (United States)',
  'en-GB': 'English (United Kingdom)',
  'de-DE': 'Deutsch (Deutschland)',
  'fr-FR': 'Français (France)',
  'es-ES': 'Español (España)',
  'it-IT': 'Italiano (Italia)',
  'nl-NL': 'Nederlands (Nederland)',
  'pt-BR': 'Português (Brasil)',
  'sv-SE': 'Svenska (Sverige)',
  'pl-PL': 'Polski (Polska)',
  'ja-JP': '日本語 (日本)',
} as const

/** Currencies (ISO 4217) amounts may be shown in. */
export const WORKSPACE_CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'INR'] as const

/** Date patterns: `locale` follows the locale's own order; the others are fixed. */
export const DATE_FORMATS = ['locale', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const

export type WorkspaceLocale = keyof typeof WORKSPACE_LOCALES

/** True for an IANA zone name this runtime knows (Intl refuses anything else). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  }
  catch {
    return false
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const slaHoursOf = z.int('must be a whole number of hours').min(1, 'must be at least 1 hour').max(2000, 'must be at most 2000 hours')

/** When the workspace works: tickets' SLA clocks run only then (in its time zone). */
export const workingHoursSchema = z.object({
  /** Working days, 0 = Sunday … 6 = Saturday (as Date#getDay). */
  days: z.array(z.int().min(0, 'must be a day 0–6').max(6, 'must be a day 0–6'), 'must be a list of days').min(1, 'needs at least one working day').max(7)
    .transform(days => [...new Set(days)].sort((a, b) => a - b)),
  start: z.string().regex(HHMM, 'must be a time HH:MM'),
  end: z.string().regex(HHMM, 'must be a time HH:MM'),
}).strict().refine(w => w.start < w.end, { message: 'must be after the start', path: ['end'] })

/** Working hours a ticket of each priority has until it must be resolved. */
export const slaHoursSchema = z.object({ urgent: slaHoursOf, high: slaHoursOf, normal: slaHoursOf, low: slaHoursOf }).strict()

export const workspacePreferencesSchema = z.object({
  timeZone: z.string().max(64).refine(isTimeZone, 'must be a time zone such as Europe/Berlin'),
  locale: z.enum(Object.keys(WORKSPACE_LOCALES) as [WorkspaceLocale, ...WorkspaceLocale[]], 'must be one of the listed locales'),
  currency: z.enum(WORKSPACE_CURRENCIES, 'must be one of the listed currencies'),
  dateFormat: z.enum(DATE_FORMATS, 'must be one of the listed date formats'),
  timeFormat: z.enum(['24h', '12h'], 'must be 24h or 12h'),
  /** 0 = Sunday, 1 = Monday, 6 = Saturday (as Date#getDay). */
  weekStartsOn: z.union([z.literal(0), z.literal(1), z.literal(6)], 'must be Sunday, Monday or Saturday'),
  workingHours: workingHoursSchema,
  slaHours: slaHoursSchema,
  /** Whether report schedules may mail addresses outside the workspace (members only when false). */
  reportsToAnyone: z.boolean('must be true or false').default(false),
}).strict()

export type WorkspacePreferences = z.infer<typeof workspacePreferencesSchema>

export const DEFAULT_PREFERENCES: WorkspacePreferences = {
  timeZone: 'UTC',
  locale: 'en-US',
  currency: 'USD',
  dateFormat: 'locale',
  timeFormat: '24h',
  weekStartsOn: 1,
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  slaHours: { urgent: 4, high: 8, normal: 24, low: 72 },
  reportsToAnyone: false,
}

/** Stored preferences over the defaults; a stored value that no longer validates falls back alone. */
export function resolvePreferences(stored: unknown): WorkspacePreferences {
  const result = { ...DEFAULT_PREFERENCES }
  if (!stored || typeof stored !== 'object') return result
  const shape = workspacePreferencesSchema.shape
  for (const key of Object.keys(shape) as (keyof WorkspacePreferences)[]) {
    const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key])
    if (parsed.success) (result as Record<string, unknown>)[key] = parsed.data
  }
  return result
}

/** PUT /api/settings/general: the workspace's name and its preferences, all at once. */
export const generalSettingsSchema = workspacePreferencesSchema.extend({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
}).strict()

export type GeneralSettings = z.infer<typeof generalSettingsSchema>

/** Emails whose text a tenant may rewrite, and the variables each may use. */
export const EMAIL_TEMPLATE_KINDS = {
  invitation: { label: 'Invitation', variables: ['workspace', 'inviter', 'email', 'link', 'expires'] },
  password_reset: { label: 'Password reset', variables: ['workspace', 'email', 'link', 'expires'] },
} as const

export type EmailTemplateKind = keyof typeof EMAIL_TEMPLATE_KINDS

export const emailTemplateSchema = z.object({
  subject: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5,000 characters'),
}).strict()

export type EmailTemplate = z.infer<typeof emailTemplateSchema>
export type EmailTemplateOverrides = Partial<Record<EmailTemplateKind, EmailTemplate>>

const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g

/** Variables a template uses that its kind does not offer (a typo would otherwise reach the reader). */
export function unknownVariables(kind: EmailTemplateKind, template: EmailTemplate): string[] {
  const allowed = new Set<string>(EMAIL_TEMPLATE_KINDS[kind].variables)
  const found = [...`${template.subject}\n${template.body}`.matchAll(VARIABLE)].map(m => m[1]!)
  return [...new Set(found.filter(name => !allowed.has(name)))]
}

/** Fills `{{name}}` placeholders; plain text in, plain text out (HTML escaping is the mailer's job). */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => values[name] ?? whole)
}
