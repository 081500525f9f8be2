import type { EmailTemplate, EmailTemplateKind } from './schemas/workspace'

/** The text each email has until a tenant writes its own. Blank lines separate paragraphs. */
export const DEFAULT_EMAIL_TEMPLATES: Record<EmailTemplateKind, EmailTemplate> = {
  invitation: {
    subject: '{{inviter}} invited you to {{workspace}}',
    body: '{{inviter}} invited you to join {{workspace}}. Choose a password to set up your account.\n\nThe link works once and expires in {{expires}}. If you did not expect this, ignore this email.',
  },
  password_reset: {
    subject: 'Reset your {{workspace}} password',
    body: 'Someone asked to reset the password of your account ({{email}}). If it was you, choose a new one.\n\nThe link works once and expires in {{expires}}. If you did not ask for this, ignore this email: your password stays as it is.',
  },
}

/** The button under each email's text. */
export const EMAIL_ACTIONS: Record<EmailTemplateKind, string> = {
  invitation: 'Accept invitation',
  password_reset: 'Choose a new password',
}

/** Sample values for previews. */
export const SAMPLE_EMAIL_VALUES = { inviter: 'Dana Scully', email: 'alex@example.com', link: 'https://example.com/…', expires: '7 days' }
