import { RECORD_TYPES, RECORDS } from './records'

/**
 * The one catalogue of audit actions: the key the server writes, the label people read, the group
 * the Action filter shows it under, and which log it belongs to (`tenant`: a workspace's log;
 * `platform`: the console's; `both`: written to either — and any tenant action reaches the
 * platform's log when a super admin does it while impersonating). Both logs validate their Action
 * filter against it, and a unit test (tests/unit/audit-actions.test.ts) fails when server code
 * writes an action that has no entry here.
 */
export interface AuditActionDef {
  key: string
  label: string
  group: string
  log: 'tenant' | 'platform' | 'both'
}

type Entry = [key: string, label: string, log?: AuditActionDef['log']]

const GROUPS: Record<string, Entry[]> = {
  'Sign-in and security': [
    ['auth.signed_in', 'Signed in', 'both'],
    ['auth.signed_out', 'Signed out', 'both'],
    ['auth.signed_out_everywhere', 'Signed out everywhere'],
    ['auth.session_ended', 'Session ended', 'both'],
    ['auth.sign_in_failed', 'Sign-in failed', 'both'],
    ['auth.sso_failed', 'Single sign-on failed'],
    ['auth.mfa_setup_started', 'Two-step setup started', 'both'],
    ['auth.mfa_enabled', 'Two-step sign-in turned on', 'both'],
    ['auth.mfa_disabled', 'Two-step sign-in turned off', 'both'],
    ['auth.mfa_failed', 'Two-step code refused', 'both'],
    ['auth.recovery_code_used', 'Recovery code used', 'both'],
    ['auth.password_changed', 'Password changed', 'both'],
    ['auth.password_reset_requested', 'Password reset requested'],
    ['auth.password_reset', 'Password reset'],
    ['auth.password_reset_token_rejected', 'Password reset link refused'],
    ['auth.invitation_token_rejected', 'Invitation link refused'],
    ['impersonation.started', 'Impersonation started', 'both'],
    ['impersonation.ended', 'Impersonation ended', 'both'],
  ],
  'Members and teams': [
    ['notification.preferences_changed', 'Notification settings changed'],
    ['member.invited', 'Member invited'],
    ['member.bulk_invited', 'Members invited (list)'],
    ['member.joined', 'Member joined'],
    ['member.joined_by_sso', 'Member joined through single sign-on'],
    ['member.updated', 'Member updated'],
    ['member.removed', 'Member removed'],
    ['member.sessions_revoked', 'Member signed out everywhere'],
    ['member.teams_set', 'Member\'s teams changed'],
    ['team.created', 'Team created'],
    ['team.updated', 'Team updated'],
    ['team.deleted', 'Team deleted'],
    ['team.members_set', 'Team members changed'],
    ['role.created', 'Role created'],
    ['role.updated', 'Role updated'],
    ['role.deleted', 'Role deleted'],
  ],
  'API keys and single sign-on': [
    ['api_key.created', 'API key created'],
    ['api_key.revoked', 'API key revoked'],
    ['api_key.first_used', 'API key first used'],
    ['api_key.rejected', 'API key refused'],
    ['api_key.scope_denied', 'API key lacked a permission'],
    ['sso.config_updated', 'Single sign-on settings changed'],
    ['sso.config_deleted', 'Single sign-on removed'],
    ['sso.connection_tested', 'Single sign-on tested'],
  ],
  'Webhooks': [
    ['webhook.created', 'Webhook endpoint added'],
    ['webhook.updated', 'Webhook endpoint changed'],
    ['webhook.deleted', 'Webhook endpoint removed'],
    ['webhook.secret_revealed', 'Webhook secret shown'],
    ['webhook.secret_rotated', 'Webhook secret rotated'],
    ['webhook.test_sent', 'Webhook test event sent'],
    ['webhook.replayed', 'Webhook deliveries replayed'],
    ['webhook.disabled', 'Webhook endpoint switched off after failures'],
    ['webhook_receiver.created', 'Incoming webhook added'],
    ['webhook_receiver.updated', 'Incoming webhook changed'],
    ['webhook_receiver.deleted', 'Incoming webhook removed'],
    ['webhook_receiver.secret_rotated', 'Incoming webhook secret rotated'],
  ],
  'Automation': [
    ['workflow.created', 'Workflow created'],
    ['workflow.updated', 'Workflow changed'],
    ['workflow.deleted', 'Workflow removed'],
    ['workflow.enabled', 'Workflow switched on'],
    ['workflow.disabled', 'Workflow switched off'],
    ['workflow.settings_changed', 'Workflow run retention changed'],
    ['workflow.run_started', 'Workflow started by hand'],
    ['workflow.run_cancelled', 'Workflow run cancelled'],
    ['workflow.run_retried', 'Workflow run retried'],
    ['approval.approved', 'Approved'],
    ['approval.rejected', 'Rejected'],
    ['approval.escalated', 'Approval escalated after its due time'],
    ['approval.delegated', 'Approvals handed to a delegate'],
    ['approval.delegation_ended', 'Approvals delegation ended'],
  ],
  'Records': [
    ...RECORD_TYPES.flatMap((type): Entry[] => {
      const one = RECORDS[type].singular
      const many = RECORDS[type].label
      return [
        [`${type}.created`, `${one} created`],
        [`${type}.updated`, `${one} updated`],
        [`${type}.deleted`, `${one} deleted`],
        [`${type}.restored`, `${one} restored`],
        [`${type}.bulk_assign`, `${many} reassigned (bulk)`],
        [`${type}.bulk_status`, `${many} status changed (bulk)`],
        [`${type}.bulk_delete`, `${many} deleted (bulk)`],
        [`${type}.bulk_restore`, `${many} restored (bulk)`],
        [`${type}.imported`, `${many} imported`],
        [`${type}.exported`, `${many} exported`],
      ]
    }),
    ['activity.logged', 'Activity logged'],
    ['leads.converted', 'Lead converted'],
    ['saved_view.created', 'Saved view created'],
    ['saved_view.updated', 'Saved view updated'],
    ['saved_view.deleted', 'Saved view deleted'],
  ],
  'Pipelines and fields': [
    ['pipeline.created', 'Pipeline created'],
    ['pipeline.updated', 'Pipeline updated'],
    ['pipeline.deleted', 'Pipeline deleted'],
    ['pipeline.stage_created', 'Stage created'],
    ['pipeline.stage_updated', 'Stage updated'],
    ['pipeline.stage_deleted', 'Stage deleted'],
    ['pipeline.stages_reordered', 'Stages reordered'],
    ['custom_field.created', 'Custom field created'],
    ['custom_field.updated', 'Custom field updated'],
    ['custom_field.deleted', 'Custom field deleted'],
  ],
  'Dashboards and analytics': [
    ['dashboard.created', 'Dashboard created'],
    ['dashboard.updated', 'Dashboard updated'],
    ['dashboard.deleted', 'Dashboard deleted'],
    ['report.created', 'Report created'],
    ['report.updated', 'Report updated'],
    ['report.deleted', 'Report deleted'],
    ['report.exported', 'Report exported'],
    ['report.scheduled', 'Report scheduled'],
    ['report.schedule_updated', 'Report schedule changed'],
    ['report.schedule_deleted', 'Report schedule deleted'],
    ['report.sent_now', 'Scheduled report sent now'],
    ['report.file_downloaded', 'Scheduled report file downloaded'],
    ['report.bucket_updated', 'Report bucket set up or changed'],
    ['report.bucket_removed', 'Report bucket removed'],
    ['report.bucket_tested', 'Report bucket tested'],
    ['analytics.exported', 'Chart data exported'],
  ],
  'Workspace settings': [
    ['settings.general_updated', 'General settings changed'],
    ['settings.feature_updated', 'Module turned on or off'],
    ['settings.ip_allowlist_updated', 'IP allowlist changed'],
    ['settings.mfa_requirement_updated', 'Two-step requirement changed'],
    ['settings.session_policy_updated', 'Session policy changed'],
    ['settings.redirect_to_primary_updated', 'Primary address redirect changed'],
    ['settings.email_template_updated', 'Email template changed'],
    ['settings.email_template_reset', 'Email template reset'],
    ['branding.updated', 'Branding changed'],
    ['branding.asset_uploaded', 'Logo or icon uploaded'],
    ['domain.added', 'Domain added'],
    ['domain.removed', 'Domain removed'],
    ['domain.verified', 'Domain verified'],
    ['domain.check_failed', 'Domain check failed'],
    ['domain.primary_set', 'Primary domain set'],
    ['domains.rechecked', 'Domains rechecked', 'platform'],
    ['workspace.deletion_requested', 'Workspace deletion requested'],
    ['workspace.deletion_cancelled', 'Workspace deletion cancelled'],
  ],
  'Data': [
    ['audit.exported', 'Audit log exported'],
    ['data_export.requested', 'Data export requested'],
    ['data_export.downloaded', 'Data export downloaded'],
    ['tenant.imported', 'Workspace imported', 'both'],
    ['tenant.imported_from_cli', 'Workspace imported (command line)', 'both'],
  ],
  'Tenants': [
    ['tenant.created', 'Tenant created', 'both'],
    ['tenant.updated', 'Tenant updated', 'platform'],
    ['tenant.plan_changed', 'Plan changed', 'platform'],
    ['tenant.suspended', 'Tenant suspended', 'platform'],
    ['tenant.reactivated', 'Tenant reactivated', 'platform'],
    ['tenant.deleted', 'Tenant deleted', 'platform'],
    ['tenant.deletion_cancelled', 'Tenant deletion cancelled', 'platform'],
    ['tenant.purged', 'Tenant purged', 'platform'],
    ['tenant.domain.added', 'Tenant domain added', 'platform'],
    ['tenant.domain.removed', 'Tenant domain removed', 'platform'],
    ['tenant.feature.overridden', 'Tenant module overridden', 'platform'],
    ['tenant.theme.updated', 'Tenant theme changed', 'platform'],
    ['tenant.export_requested', 'Tenant export requested', 'platform'],
    ['tenant.export_downloaded', 'Tenant export downloaded', 'platform'],
  ],
  'Platform': [
    ['platform_admin.added', 'Super admin added', 'platform'],
    ['platform_admin.removed', 'Super admin removed', 'platform'],
    ['platform_admin.disabled', 'Super admin disabled', 'platform'],
    ['platform_admin.enabled', 'Super admin enabled', 'platform'],
    ['platform_admin.created_from_cli', 'Super admin created (command line)', 'platform'],
    ['platform_admin.reset_from_cli', 'Super admin reset (command line)', 'platform'],
    ['plan.created', 'Plan created', 'platform'],
    ['plan.updated', 'Plan updated', 'platform'],
    ['plan.deleted', 'Plan deleted', 'platform'],
    ['feature.killed', 'Module switched off everywhere', 'platform'],
    ['feature.restored', 'Module switched back on', 'platform'],
    ['platform.audit.exported', 'Platform audit log exported', 'platform'],
    ['usage.rollup_requested', 'Usage rollup requested', 'platform'],
    ['jobs.ran', 'Jobs ran', 'platform'],
    ['jobs.probe', 'Job queue probed', 'platform'],
  ],
}

export const AUDIT_ACTIONS: readonly AuditActionDef[] = Object.entries(GROUPS)
  .flatMap(([group, entries]) => entries.map(([key, label, log = 'tenant']) => ({ key, label, group, log })))

const BY_KEY = new Map(AUDIT_ACTIONS.map(a => [a.key, a]))

/** Every catalogued action key. */
export const AUDIT_ACTION_KEYS = AUDIT_ACTIONS.map(a => a.key) as [string, ...string[]]

/** Whether `key` is a catalogued action. */
export const isAuditAction = (key: string) => BY_KEY.has(key)

/** The label of an action ("Signed in"); an unknown key (an entry older than the catalogue) as written. */
export const auditActionLabel = (key: string) => BY_KEY.get(key)?.label ?? key

/** The Action filter's choices for one log, in catalogue order, each with its group. */
export function auditActionChoices(log: 'tenant' | 'platform'): AuditActionDef[] {
  return AUDIT_ACTIONS.filter(a => log === 'platform' || a.log !== 'platform')
}

/**
 * The compliance report's categories (the Reports template "Compliance"): which audit actions
 * count as sign-ins, refused sign-ins, access changes, API keys, data leaving the workspace,
 * security settings and super admins acting inside it. A member's change counts as a role change
 * only when their role changed (the report's SQL looks at the entry's before and after).
 */
export const COMPLIANCE_CATEGORIES = ['Sign-ins', 'Failed sign-ins', 'Roles and permissions', 'API keys', 'Data exports', 'Security settings', 'Impersonation'] as const
export type ComplianceCategory = typeof COMPLIANCE_CATEGORIES[number]

/** The member change that is a role change when its role differs before and after. */
export const ROLE_CHANGE_ACTION = 'member.updated'

const COMPLIANCE_ACTIONS: Record<ComplianceCategory, readonly string[]> = {
  'Sign-ins': ['auth.signed_in'],
  'Failed sign-ins': ['auth.sign_in_failed', 'auth.sso_failed', 'auth.mfa_failed', 'api_key.rejected'],
  'Roles and permissions': ['role.created', 'role.updated', 'role.deleted'],
  'API keys': ['api_key.created', 'api_key.revoked', 'api_key.first_used', 'api_key.scope_denied'],
  'Data exports': [
    ...RECORD_TYPES.map(type => `${type}.exported`),
    'report.exported', 'report.file_downloaded', 'analytics.exported', 'audit.exported', 'data_export.requested', 'data_export.downloaded',
  ],
  'Security settings': [
    'auth.mfa_enabled', 'auth.mfa_disabled', 'auth.password_changed', 'auth.password_reset', 'settings.ip_allowlist_updated',
    'settings.mfa_requirement_updated', 'settings.session_policy_updated', 'sso.config_updated', 'sso.config_deleted',
  ],
  'Impersonation': ['impersonation.started', 'impersonation.ended'],
}

/** The compliance category of an action key, if it has one (a member change is decided on its values). */
export function complianceCategory(key: string): ComplianceCategory | null {
  return COMPLIANCE_CATEGORIES.find(c => COMPLIANCE_ACTIONS[c].includes(key)) ?? null
}

/** The areas of the action catalogue (the Action filter's groups), in order. */
export const AUDIT_AREAS = [...new Set(AUDIT_ACTIONS.map(a => a.group))]
