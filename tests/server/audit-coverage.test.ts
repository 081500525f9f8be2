import { existsSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { totpCode } from '../support/totp'
import { ownerUrl } from '../support/owner'
import { multipart, pngImage } from '../support/images'

// Every write route leaves exactly one audit entry for the request that made it: each step below
// calls one route, then reads the tenant's audit log by that request's id (so tests running
// alongside cannot disturb the count). A write route without a step fails the first test.

const ROOT = join(import.meta.dirname, '../..')
const HOST = 'initech.localhost'
const STRONG = 'Audit-walk-password-42'
const RENEWED = 'Audit-walk-renewed-43'

function writeRoutes(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return writeRoutes(path)
    return /\.(post|put|patch|delete)\.ts$/.test(entry.name) ? [relative(ROOT, path)] : []
  })
}

/**
 * POST routes that write nothing to audit: a read with a query too rich for a query string; the
 * incoming-webhook address, which anyone may call and which keeps its own log of every request
 * (inbound_webhooks, tested in tests/server/incoming-webhooks.test.ts); and marking one's own
 * notifications read, a person's reading state like a session's last-seen time (its read_at is the
 * record; tests/server/notifications.test.ts).
 */
const READ_ONLY_POSTS = ['server/api/analytics/query.post.ts', 'server/api/hooks/[id].post.ts', 'server/api/notifications/read.post.ts']

interface Context { port: number, admin: string, email: string, userId: string, cookie: string, resetToken: string, inviteToken: string, role: string, teamId: string, keyId: string, totpSecret: string, superCookie: string, since: number, domainId: string, bulkId: string, impersonationUrl: string, impersonatedCookie: string, recordId: string, fieldId: string, viewId: string, pipelineId: string, stageId: string, dashboardId: string, reportId: string, scheduleId: string, platformAdminId: string, webhookId: string, deliveryId: string, receiverId: string, v1RecordId: string, v1WebhookId: string, workflowId: string, runId: string, failedRunId: string, flowRecordId: string, approvalId: string, approvalToken: string }
interface Step {
  route: string
  action: string
  run: (c: Context) => Promise<Hit>
  /** Platform routes also write the platform's log (checked on PostgreSQL, where the test can read it). */
  platform?: boolean
  /** A step of PLATFORM_ONLY that changes another workspace than initech: that host's log must hold exactly this entry. */
  otherTenant?: string
}

const api = (c: Context, method: string, path: string, body?: unknown, cookie = c.admin) =>
  hit(c.port, HOST, path, { method, body, headers: cookie ? { cookie } : {} })

const STEPS: Step[] = [
  { route: 'server/api/auth/login.post.ts', action: 'auth.signed_in', run: c => api(c, 'POST', '/api/auth/login', { email: 'admin@initech.test', password: 'Demo-pass-2026' }, '') },
  { route: 'server/api/members/invitations/index.post.ts', action: 'member.invited', run: async (c) => {
    c.since = Date.now() - 1000
    const res = await api(c, 'POST', '/api/members/invitations', { email: c.email, role: 'member' })
    c.inviteToken = linkToken(await waitForMail(c.email, c.since))
    return res
  } },
  { route: 'server/api/members/invitations/bulk.post.ts', action: 'member.bulk_invited', run: async (c) => {
    const res = await api(c, 'POST', '/api/members/invitations/bulk', { emails: `bulk-a-${c.port}-${c.since}@initech.test\nbulk-b-${c.port}-${c.since}@initech.test`, role: 'viewer' })
    c.bulkId = res.json().invited[0].id
    return res
  } },
  { route: 'server/api/members/[id].delete.ts', action: 'member.removed', run: c => api(c, 'DELETE', `/api/members/${c.bulkId}`) },
  { route: 'server/api/auth/accept-invitation.post.ts', action: 'member.joined', run: async (c) => {
    const res = await api(c, 'POST', '/api/auth/accept-invitation', { token: c.inviteToken, name: 'Audit Walker', password: STRONG }, '')
    c.cookie = await signIn(c.port, HOST, c.email, STRONG)
    c.userId = (await api(c, 'GET', '/api/auth/session', undefined, c.cookie)).json().id
    return res
  } },
  { route: 'server/api/members/[id].patch.ts', action: 'member.updated', run: c => api(c, 'PATCH', `/api/members/${c.userId}`, { role: 'viewer' }) },
  { route: 'server/api/members/[id]/revoke-sessions.post.ts', action: 'member.sessions_revoked', run: c => api(c, 'POST', `/api/members/${c.userId}/revoke-sessions`) },
  { route: 'server/api/auth/forgot-password.post.ts', action: 'auth.password_reset_requested', run: async (c) => {
    c.since = Date.now() - 1000
    const res = await api(c, 'POST', '/api/auth/forgot-password', { email: c.email }, '')
    c.resetToken = linkToken(await waitForMail(c.email, c.since))
    return res
  } },
  { route: 'server/api/auth/reset-password.post.ts', action: 'auth.password_reset', run: c => api(c, 'POST', '/api/auth/reset-password', { token: c.resetToken, password: RENEWED }, '') },
  { route: 'server/api/auth/change-password.post.ts', action: 'auth.password_changed', run: async (c) => {
    c.cookie = await signIn(c.port, HOST, c.email, RENEWED)
    return api(c, 'POST', '/api/auth/change-password', { currentPassword: RENEWED, newPassword: STRONG }, c.cookie)
  } },
  { route: 'server/api/auth/logout-all.post.ts', action: 'auth.signed_out_everywhere', run: c => api(c, 'POST', '/api/auth/logout-all', undefined, c.cookie) },
  { route: 'server/api/auth/logout.post.ts', action: 'auth.signed_out', run: async (c) => {
    c.cookie = await signIn(c.port, HOST, c.email, STRONG)
    return api(c, 'POST', '/api/auth/logout', undefined, c.cookie)
  } },
  { route: 'server/api/account/sessions/[id].delete.ts', action: 'auth.session_ended', run: async (c) => {
    const other = await signIn(c.port, HOST, c.email, STRONG)
    c.cookie = await signIn(c.port, HOST, c.email, STRONG)
    const sessions = (await api(c, 'GET', '/api/account/sessions', undefined, c.cookie)).json() as { id: string, current: boolean }[]
    expect(other).not.toBe(c.cookie)
    return api(c, 'DELETE', `/api/account/sessions/${sessions.find(s => !s.current)!.id}`, undefined, c.cookie)
  } },
  { route: 'server/api/notifications/preferences.put.ts', action: 'notification.preferences_changed', run: c => api(c, 'PUT', '/api/notifications/preferences', { assignment: 'both' }, c.cookie) },
  { route: 'server/api/account/mfa/setup.post.ts', action: 'auth.mfa_setup_started', run: async (c) => {
    const res = await api(c, 'POST', '/api/account/mfa/setup', undefined, c.cookie)
    c.totpSecret = res.json().secret
    return res
  } },
  { route: 'server/api/account/mfa/enable.post.ts', action: 'auth.mfa_enabled', run: c => api(c, 'POST', '/api/account/mfa/enable', { code: totpCode(c.totpSecret) }, c.cookie) },
  { route: 'server/api/auth/login-mfa.post.ts', action: 'auth.signed_in', run: async (c) => {
    const { challenge } = (await api(c, 'POST', '/api/auth/login', { email: c.email, password: STRONG }, '')).json()
    // The code of the next 30-second step: the current one was spent enabling two-factor.
    return api(c, 'POST', '/api/auth/login-mfa', { challenge, code: totpCode(c.totpSecret, 30_000) }, '')
  } },
  { route: 'server/api/account/mfa/disable.post.ts', action: 'auth.mfa_disabled', run: c => api(c, 'POST', '/api/account/mfa/disable', { password: STRONG }, c.cookie) },
  { route: 'server/api/settings/mfa-requirement.put.ts', action: 'settings.mfa_requirement_updated', run: c => api(c, 'PUT', '/api/settings/mfa-requirement', { required: false }) },
  { route: 'server/api/roles/index.post.ts', action: 'role.created', run: c => api(c, 'POST', '/api/roles', { key: c.role, name: `Auditors ${c.port}`, permissions: ['audit:read'] }) },
  { route: 'server/api/roles/[key].patch.ts', action: 'role.updated', run: c => api(c, 'PATCH', `/api/roles/${c.role}`, { description: 'Read the audit log' }) },
  { route: 'server/api/roles/[key].delete.ts', action: 'role.deleted', run: c => api(c, 'DELETE', `/api/roles/${c.role}`) },
  { route: 'server/api/teams/index.post.ts', action: 'team.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/teams', { name: `Audit walk ${c.port}` })
    c.teamId = res.json().id
    return res
  } },
  { route: 'server/api/teams/[id].patch.ts', action: 'team.updated', run: c => api(c, 'PATCH', `/api/teams/${c.teamId}`, { name: `Audit walk ${c.port} renamed` }) },
  { route: 'server/api/teams/[id]/members.put.ts', action: 'team.members_set', run: c => api(c, 'PUT', `/api/teams/${c.teamId}/members`, { userIds: [c.userId] }) },
  // The records engine, on accounts (initech has no tickets; every type shares these routes).
  { route: 'server/api/records/[type]/index.post.ts', action: 'accounts.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/records/accounts', { name: `Audit walk ${c.port}` })
    c.recordId = res.json().id
    return res
  } },
  { route: 'server/api/records/[type]/[id].patch.ts', action: 'accounts.updated', run: c => api(c, 'PATCH', `/api/records/accounts/${c.recordId}`, { version: 1, city: 'Audit' }) },
  { route: 'server/api/records/[type]/[id]/activities.post.ts', action: 'activity.logged', run: c => api(c, 'POST', `/api/records/accounts/${c.recordId}/activities`, { kind: 'note', body: 'Audited note' }) },
  { route: 'server/api/records/[type]/[id].delete.ts', action: 'accounts.deleted', run: c => api(c, 'DELETE', `/api/records/accounts/${c.recordId}`) },
  { route: 'server/api/records/[type]/[id]/restore.post.ts', action: 'accounts.restored', run: c => api(c, 'POST', `/api/records/accounts/${c.recordId}/restore`) },
  // A widget's data as a download: one entry with the query and the row count.
  { route: 'server/api/analytics/export.post.ts', action: 'analytics.exported', run: c => api(c, 'POST', '/api/analytics/export?format=json', { metric: 'deals.count', dimension: 'month', range: { from: '2026-01-01', to: '2026-06-30' } }) },
  // CSV import: one entry for the whole file, with its count.
  { route: 'server/api/records/[type]/import/index.post.ts', action: 'accounts.imported', run: c => hit(c.port, HOST, `/api/records/accounts/import?options=${encodeURIComponent(JSON.stringify({ mapping: { Name: 'name' } }))}`, { method: 'POST', body: `Name\nAudit import ${c.port}\n`, headers: { 'cookie': c.admin, 'content-type': 'text/csv' } }) },
  // The public API v1 goes through the same services: one entry each, like the app's routes.
  { route: 'server/api/v1/records/[type]/index.post.ts', action: 'accounts.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/v1/records/accounts', { name: `Audit v1 ${c.port}` })
    c.v1RecordId = res.json().id
    return res
  } },
  { route: 'server/api/v1/records/[type]/[id].patch.ts', action: 'accounts.updated', run: c => api(c, 'PATCH', `/api/v1/records/accounts/${c.v1RecordId}`, { version: 1, city: 'Audit v1' }) },
  { route: 'server/api/v1/records/[type]/[id].delete.ts', action: 'accounts.deleted', run: c => api(c, 'DELETE', `/api/v1/records/accounts/${c.v1RecordId}`) },
  { route: 'server/api/v1/records/[type]/[id]/restore.post.ts', action: 'accounts.restored', run: c => api(c, 'POST', `/api/v1/records/accounts/${c.v1RecordId}/restore`) },
  { route: 'server/api/records/[type]/bulk.post.ts', action: 'accounts.bulk_assign', run: c => api(c, 'POST', '/api/records/accounts/bulk', { action: 'assign', ids: [c.recordId], ownerId: null }) },
  { route: 'server/api/custom-fields/index.post.ts', action: 'custom_field.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/custom-fields', { recordType: 'accounts', key: `audit_${c.port}`, label: `Audit ${c.port}`, type: 'text' })
    c.fieldId = res.json().id
    return res
  } },
  { route: 'server/api/custom-fields/[id].patch.ts', action: 'custom_field.updated', run: c => api(c, 'PATCH', `/api/custom-fields/${c.fieldId}`, { required: false }) },
  { route: 'server/api/custom-fields/[id].delete.ts', action: 'custom_field.deleted', run: c => api(c, 'DELETE', `/api/custom-fields/${c.fieldId}`) },
  { route: 'server/api/views/index.post.ts', action: 'saved_view.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/views', { recordType: 'accounts', name: `Audit ${c.port}`, query: { sort: 'name' } })
    c.viewId = res.json().id
    return res
  } },
  { route: 'server/api/dashboards/index.post.ts', action: 'dashboard.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/dashboards', { name: `Audit ${c.port}`, widgets: [{ id: 'audit-1', title: 'Tasks', chart: 'kpi', query: { metric: 'tasks.count' }, layout: { x: 0, y: 0, w: 3, h: 2 } }] })
    c.dashboardId = res.json().id
    return res
  } },
  { route: 'server/api/dashboards/[id].patch.ts', action: 'dashboard.updated', run: c => api(c, 'PATCH', `/api/dashboards/${c.dashboardId}`, { version: 1, sharedRoleKeys: ['viewer'] }) },
  { route: 'server/api/dashboards/[id].delete.ts', action: 'dashboard.deleted', run: c => api(c, 'DELETE', `/api/dashboards/${c.dashboardId}`) },
  { route: 'server/api/reports/index.post.ts', action: 'report.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/reports', { name: `Audit ${c.port}`, definition: { source: 'accounts', columns: [{ field: 'name' }] } })
    c.reportId = res.json().id
    return res
  } },
  { route: 'server/api/reports/[id].patch.ts', action: 'report.updated', run: c => api(c, 'PATCH', `/api/reports/${c.reportId}`, { version: 1, visibility: 'workspace' }) },
  { route: 'server/api/reports/[id]/schedules/index.post.ts', action: 'report.scheduled', run: async (c) => {
    const res = await api(c, 'POST', `/api/reports/${c.reportId}/schedules`, { cadence: { frequency: 'daily' }, recipients: ['admin@initech.test'] })
    c.scheduleId = res.json().id
    return res
  } },
  { route: 'server/api/reports/[id]/schedules/[scheduleId].patch.ts', action: 'report.schedule_updated', run: c => api(c, 'PATCH', `/api/reports/${c.reportId}/schedules/${c.scheduleId}`, { enabled: false }) },
  { route: 'server/api/reports/[id]/schedules/[scheduleId]/run.post.ts', action: 'report.sent_now', run: c => api(c, 'POST', `/api/reports/${c.reportId}/schedules/${c.scheduleId}/run`) },
  { route: 'server/api/reports/[id]/schedules/[scheduleId].delete.ts', action: 'report.schedule_deleted', run: c => api(c, 'DELETE', `/api/reports/${c.reportId}/schedules/${c.scheduleId}`) },
  { route: 'server/api/reports/[id].delete.ts', action: 'report.deleted', run: c => api(c, 'DELETE', `/api/reports/${c.reportId}`) },
  // Port 9 (discard) on the loopback address the test servers allow: the test fails to reach it, and says so.
  { route: 'server/api/settings/report-bucket.put.ts', action: 'report.bucket_updated', run: c => api(c, 'PUT', '/api/settings/report-bucket', { endpoint: 'http://127.0.0.1:9', bucket: 'audit-walk', accessKeyId: 'AKIAAUDITWALK', secretAccessKey: 'audit-walk-secret' }) },
  { route: 'server/api/settings/report-bucket/test.post.ts', action: 'report.bucket_tested', run: c => api(c, 'POST', '/api/settings/report-bucket/test') },
  { route: 'server/api/settings/report-bucket.delete.ts', action: 'report.bucket_removed', run: c => api(c, 'DELETE', '/api/settings/report-bucket') },
  { route: 'server/api/views/[id].delete.ts', action: 'saved_view.deleted', run: c => api(c, 'DELETE', `/api/views/${c.viewId}`) },
  { route: 'server/api/members/[id]/teams.put.ts', action: 'member.teams_set', run: c => api(c, 'PUT', `/api/members/${c.userId}/teams`, { teamIds: [c.teamId] }) },
  { route: 'server/api/teams/[id].delete.ts', action: 'team.deleted', run: c => api(c, 'DELETE', `/api/teams/${c.teamId}`) },
  { route: 'server/api/settings/security.patch.ts', action: 'settings.session_policy_updated', run: async (c) => {
    const current = (await api(c, 'GET', '/api/settings/security')).json()
    return api(c, 'PATCH', '/api/settings/security', { sessionIdleMinutes: current.sessionIdleMinutes, sessionMaxHours: current.sessionMaxHours })
  } },
  { route: 'server/api/api-keys/index.post.ts', action: 'api_key.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/api-keys', { name: `Audit walk ${c.port}`, scopes: ['members:read'] })
    c.keyId = res.json().id
    return res
  } },
  { route: 'server/api/api-keys/[id].delete.ts', action: 'api_key.revoked', run: c => api(c, 'DELETE', `/api/api-keys/${c.keyId}`) },
  // Port 9 (discard) on the loopback address the test servers allow: nothing answers, which is fine here.
  { route: 'server/api/webhooks/index.post.ts', action: 'webhook.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/webhooks', { url: 'http://127.0.0.1:9/audit-walk', eventTypes: ['member.joined'] })
    c.webhookId = res.json().id
    return res
  } },
  { route: 'server/api/webhooks/[id].patch.ts', action: 'webhook.updated', run: c => api(c, 'PATCH', `/api/webhooks/${c.webhookId}`, { description: 'Audit walk' }) },
  { route: 'server/api/webhooks/[id]/secret.post.ts', action: 'webhook.secret_revealed', run: c => api(c, 'POST', `/api/webhooks/${c.webhookId}/secret`) },
  { route: 'server/api/webhooks/[id]/rotate-secret.post.ts', action: 'webhook.secret_rotated', run: c => api(c, 'POST', `/api/webhooks/${c.webhookId}/rotate-secret`) },
  { route: 'server/api/webhooks/[id]/test.post.ts', action: 'webhook.test_sent', run: async (c) => {
    const res = await api(c, 'POST', `/api/webhooks/${c.webhookId}/test`)
    c.deliveryId = res.json().deliveryId
    return res
  } },
  { route: 'server/api/webhooks/[id]/deliveries/[deliveryId]/replay.post.ts', action: 'webhook.replayed', run: c => api(c, 'POST', `/api/webhooks/${c.webhookId}/deliveries/${c.deliveryId}/replay`) },
  { route: 'server/api/webhooks/[id]/replay.post.ts', action: 'webhook.replayed', run: c => api(c, 'POST', `/api/webhooks/${c.webhookId}/replay`, { since: new Date(Date.now() - 3_600_000).toISOString() }) },
  { route: 'server/api/v1/webhooks/[id]/deliveries/[deliveryId]/replay.post.ts', action: 'webhook.replayed', run: c => api(c, 'POST', `/api/v1/webhooks/${c.webhookId}/deliveries/${c.deliveryId}/replay`) },
  { route: 'server/api/v1/webhooks/[id]/replay.post.ts', action: 'webhook.replayed', run: c => api(c, 'POST', `/api/v1/webhooks/${c.webhookId}/replay`, { since: new Date(Date.now() - 3_600_000).toISOString() }) },
  { route: 'server/api/v1/webhooks/index.post.ts', action: 'webhook.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/audit-walk-v1', eventTypes: ['deal.created'] })
    c.v1WebhookId = res.json().id
    return res
  } },
  { route: 'server/api/v1/webhooks/[id].patch.ts', action: 'webhook.updated', run: c => api(c, 'PATCH', `/api/v1/webhooks/${c.v1WebhookId}`, { enabled: false }) },
  { route: 'server/api/v1/webhooks/[id].delete.ts', action: 'webhook.deleted', run: c => api(c, 'DELETE', `/api/v1/webhooks/${c.v1WebhookId}`) },
  { route: 'server/api/webhooks/[id].delete.ts', action: 'webhook.deleted', run: c => api(c, 'DELETE', `/api/webhooks/${c.webhookId}`) },
  // Workflows: a manual one on an account of its own, whose runs wait an hour (cancelled below).
  { route: 'server/api/workflows/index.post.ts', action: 'workflow.created', run: async (c) => {
    c.flowRecordId = (await api(c, 'POST', '/api/records/accounts', { name: `Audit walk flows ${c.port}` })).json().id
    const res = await api(c, 'POST', '/api/workflows', { name: 'Audit walk', definition: { trigger: { kind: 'manual', recordType: 'accounts' }, steps: [{ id: 'wait', type: 'delay', seconds: 3600 }] } })
    c.workflowId = res.json().id
    return res
  } },
  { route: 'server/api/workflows/[id].put.ts', action: 'workflow.updated', run: async (c) => {
    const wf = (await api(c, 'GET', `/api/workflows/${c.workflowId}`)).json()
    return api(c, 'PUT', `/api/workflows/${c.workflowId}`, { name: 'Audit walk, renamed', description: '', definition: wf.definition })
  } },
  { route: 'server/api/workflows/settings.put.ts', action: 'workflow.settings_changed', run: c => api(c, 'PUT', '/api/workflows/settings', { runRetentionDays: 30 }) },
  { route: 'server/api/workflows/[id]/enable.post.ts', action: 'workflow.enabled', run: c => api(c, 'POST', `/api/workflows/${c.workflowId}/enable`, { enabled: true }) },
  { route: 'server/api/workflows/[id]/run.post.ts', action: 'workflow.run_started', run: async (c) => {
    const res = await api(c, 'POST', `/api/workflows/${c.workflowId}/run`, { recordIds: [c.flowRecordId] })
    c.runId = res.json().runs[0].id
    return res
  } },
  { route: 'server/api/workflow-runs/[id]/cancel.post.ts', action: 'workflow.run_cancelled', run: c => api(c, 'POST', `/api/workflow-runs/${c.runId}/cancel`) },
  // A run that fails (a number field given text), retried: it fails again, and each retry is one entry.
  { route: 'server/api/workflow-runs/[id]/retry.post.ts', action: 'workflow.run_retried', run: async (c) => {
    const wf = (await api(c, 'POST', '/api/workflows', { name: 'Audit walk, failing', definition: { trigger: { kind: 'manual', recordType: 'accounts' }, steps: [{ id: 'bad', type: 'update_record', fields: { employees: 'many' } }] } })).json()
    await api(c, 'POST', `/api/workflows/${wf.id}/enable`, { enabled: true })
    const runId = (await api(c, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [c.flowRecordId] })).json().runs[0].id
    for (let i = 0; i < 200 && (await api(c, 'GET', `/api/workflow-runs/${runId}`)).json().status !== 'failed'; i++) await new Promise(r => setTimeout(r, 100))
    c.failedRunId = runId
    return api(c, 'POST', `/api/workflow-runs/${runId}/retry`)
  } },
  { route: 'server/api/workflows/[id].delete.ts', action: 'workflow.deleted', run: c => api(c, 'DELETE', `/api/workflows/${c.workflowId}`) },
  // An approval the admin may give (their own, allowed): once from the app, once from the mailed link.
  { route: 'server/api/approvals/[id]/decide.post.ts', action: 'approval.approved', run: async (c) => {
    const me = (await api(c, 'GET', '/api/auth/session')).json().id
    const wf = (await api(c, 'POST', '/api/workflows', { name: 'Audit walk, approval', definition: { trigger: { kind: 'manual', recordType: 'accounts' }, steps: [{ id: 'ok', type: 'approval', title: `Audit walk ${c.port}`, allowSelfApproval: true, levels: [{ approvers: { userIds: [me] } }] }] } })).json()
    await api(c, 'POST', `/api/workflows/${wf.id}/enable`, { enabled: true })
    const pending = async (runId: string) => {
      for (let i = 0; i < 200; i++) {
        const found = (await api(c, 'GET', '/api/approvals')).json().items.find((a: { runId: string }) => a.runId === runId)
        if (found) return found.id as string
        await new Promise(r => setTimeout(r, 100))
      }
      throw new Error('no approval request')
    }
    c.since = Date.now()
    const first = (await api(c, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [c.flowRecordId] })).json().runs[0].id
    const id = await pending(first)
    // The first request's mail has come before the second is asked for: the newest mail is the second's.
    await waitForMail('admin@initech.test', c.since)
    c.since = Date.now()
    const second = (await api(c, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [c.flowRecordId] })).json().runs[0].id
    c.approvalId = await pending(second)
    c.approvalToken = linkToken(await waitForMail('admin@initech.test', c.since))
    return api(c, 'POST', `/api/approvals/${id}/decide`, { decision: 'approved', comment: 'Audit walk' })
  } },
  { route: 'server/api/approvals/link.post.ts', action: 'approval.approved', run: c => hit(c.port, HOST, '/api/approvals/link', { method: 'POST', body: { token: c.approvalToken, decision: 'approved' } }) },
  { route: 'server/api/approvals/delegation.put.ts', action: 'approval.delegated', run: async (c) => {
    const someone = (await api(c, 'GET', '/api/members?search=manager%40initech.test')).json().items[0].id
    return api(c, 'PUT', '/api/approvals/delegation', { delegateId: someone, until: new Date(Date.now() + 3_600_000).toISOString() })
  } },
  { route: 'server/api/approvals/delegation.delete.ts', action: 'approval.delegation_ended', run: c => api(c, 'DELETE', '/api/approvals/delegation') },
  { route: 'server/api/webhooks/receivers/index.post.ts', action: 'webhook_receiver.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/webhooks/receivers', { name: `Audit walk ${c.port}` })
    c.receiverId = res.json().id
    return res
  } },
  { route: 'server/api/webhooks/receivers/[id].patch.ts', action: 'webhook_receiver.updated', run: c => api(c, 'PATCH', `/api/webhooks/receivers/${c.receiverId}`, { name: 'Audit walk, renamed' }) },
  { route: 'server/api/webhooks/receivers/[id]/rotate-secret.post.ts', action: 'webhook_receiver.secret_rotated', run: c => api(c, 'POST', `/api/webhooks/receivers/${c.receiverId}/rotate-secret`) },
  { route: 'server/api/webhooks/receivers/[id].delete.ts', action: 'webhook_receiver.deleted', run: c => api(c, 'DELETE', `/api/webhooks/receivers/${c.receiverId}`) },
  // Enterprise includes dashboards and it is on: switching it "on" leaves initech as it was.
  { route: 'server/api/settings/features/[key].put.ts', action: 'settings.feature_updated', run: c => api(c, 'PUT', '/api/settings/features/dashboards', { enabled: true }) },
  { route: 'server/api/settings/general.put.ts', action: 'settings.general_updated', run: async (c) => {
    const current = (await api(c, 'GET', '/api/settings/general')).json()
    return api(c, 'PUT', '/api/settings/general', current)
  } },
  { route: 'server/api/settings/branding/index.put.ts', action: 'branding.updated', run: async (c) => {
    const { theme } = (await api(c, 'GET', '/api/settings/branding')).json()
    return api(c, 'PUT', '/api/settings/branding', theme)
  } },
  { route: 'server/api/settings/branding/assets.post.ts', action: 'branding.asset_uploaded', run: (c) => {
    const { body, contentType } = multipart('file', 'walk.png', 'image/png', pngImage(24, 24))
    return hit(c.port, HOST, '/api/settings/branding/assets?kind=logo', { method: 'POST', body, headers: { 'cookie': c.admin, 'content-type': contentType } })
  } },
  { route: 'server/api/settings/email-templates/[kind].put.ts', action: 'settings.email_template_updated', run: c => api(c, 'PUT', '/api/settings/email-templates/password_reset', { subject: 'Reset for {{workspace}}', body: 'Use the button below.' }) },
  { route: 'server/api/settings/email-templates/[kind].delete.ts', action: 'settings.email_template_reset', run: c => api(c, 'DELETE', '/api/settings/email-templates/password_reset') },
  { route: 'server/api/settings/ip-allowlist.put.ts', action: 'settings.ip_allowlist_updated', run: c => api(c, 'PUT', '/api/settings/ip-allowlist', { ranges: [] }) },
  { route: 'server/api/settings/sso/index.put.ts', action: 'sso.config_updated', run: c => api(c, 'PUT', '/api/settings/sso', { issuer: 'https://idp.example.com', clientId: 'walk', clientSecret: 'walk-secret', enabled: false }) },
  { route: 'server/api/settings/sso/test.post.ts', action: 'sso.connection_tested', run: c => api(c, 'POST', '/api/settings/sso/test', { issuer: 'http://127.0.0.1:59999' }) },
  { route: 'server/api/settings/sso/index.delete.ts', action: 'sso.config_deleted', run: c => api(c, 'DELETE', '/api/settings/sso') },
  { route: 'server/api/settings/domains/index.post.ts', action: 'domain.added', run: async (c) => {
    const res = await api(c, 'POST', '/api/settings/domains', { hostname: `audit-walk-domain-${c.port}.example.test` })
    c.domainId = res.json().id
    return res
  } },
  // No TXT record on the test DNS server: the check fails, and is recorded.
  { route: 'server/api/settings/domains/[id]/verify.post.ts', action: 'domain.check_failed', run: c => api(c, 'POST', `/api/settings/domains/${c.domainId}/verify`) },
  // Initech's primary (its verified custom domain) set again: the same state, still one entry.
  { route: 'server/api/settings/domains/[id]/primary.put.ts', action: 'domain.primary_set', run: async (c) => {
    const { domains } = (await api(c, 'GET', '/api/settings/domains')).json() as { domains: { id: string, isPrimary: boolean }[] }
    return api(c, 'PUT', `/api/settings/domains/${domains.find(d => d.isPrimary)!.id}/primary`)
  } },
  { route: 'server/api/settings/domains/redirect.put.ts', action: 'settings.redirect_to_primary_updated', run: c => api(c, 'PUT', '/api/settings/domains/redirect', { enabled: false }) },
  { route: 'server/api/settings/domains/[id].delete.ts', action: 'domain.removed', run: c => api(c, 'DELETE', `/api/settings/domains/${c.domainId}`) },
  // An export of initech: queued here, built in the background (which writes no entry of this request).
  { route: 'server/api/settings/data-exports/index.post.ts', action: 'data_export.requested', run: c => api(c, 'POST', '/api/settings/data-exports') },
  // Pipelines (Settings → Pipelines): one made for the walk, edited, then deleted.
  { route: 'server/api/pipelines/index.post.ts', action: 'pipeline.created', run: async (c) => {
    const res = await api(c, 'POST', '/api/pipelines', { name: `Audit walk ${c.port}`, stages: [{ name: 'Talk' }, { name: 'Quote' }, { name: 'Signed', kind: 'won' }] })
    c.pipelineId = res.json().id
    c.stageId = res.json().stages[1].id
    return res
  } },
  { route: 'server/api/pipelines/[id].patch.ts', action: 'pipeline.updated', run: c => api(c, 'PATCH', `/api/pipelines/${c.pipelineId}`, { name: `Audit walk ${c.port} renamed` }) },
  { route: 'server/api/pipelines/[id]/stages/index.post.ts', action: 'pipeline.stage_created', run: c => api(c, 'POST', `/api/pipelines/${c.pipelineId}/stages`, { name: 'Demo', probability: 30 }) },
  { route: 'server/api/pipelines/[id]/stages/[stageId].patch.ts', action: 'pipeline.stage_updated', run: c => api(c, 'PATCH', `/api/pipelines/${c.pipelineId}/stages/${c.stageId}`, { probability: 40 }) },
  { route: 'server/api/pipelines/[id]/stages/order.put.ts', action: 'pipeline.stages_reordered', run: async (c) => {
    const mine = (await api(c, 'GET', '/api/pipelines')).json().find((p: { id: string }) => p.id === c.pipelineId)
    return api(c, 'PUT', `/api/pipelines/${c.pipelineId}/stages/order`, { stageIds: mine.stages.map((s: { id: string }) => s.id).reverse() })
  } },
  { route: 'server/api/pipelines/[id]/stages/[stageId].delete.ts', action: 'pipeline.stage_deleted', run: c => api(c, 'DELETE', `/api/pipelines/${c.pipelineId}/stages/${c.stageId}`) },
  { route: 'server/api/pipelines/[id].delete.ts', action: 'pipeline.deleted', run: c => api(c, 'DELETE', `/api/pipelines/${c.pipelineId}`) },
  // The board's move of a deal (made first, in its own request) and a lead's conversion.
  { route: 'server/api/deals/[id]/move.post.ts', action: 'deals.updated', run: async (c) => {
    const main = (await api(c, 'GET', '/api/pipelines')).json().find((p: { isDefault: boolean }) => p.isDefault)
    const deal = (await api(c, 'POST', '/api/records/deals', { name: `Audit walk ${c.port}`, pipelineId: main.id, stageId: main.stages[0].id })).json()
    return api(c, 'POST', `/api/deals/${deal.id}/move`, { stageId: main.stages[1].id, version: deal.version })
  } },
  { route: 'server/api/leads/[id]/convert.post.ts', action: 'leads.converted', run: async (c) => {
    const lead = (await api(c, 'POST', '/api/records/leads', { firstName: 'Audit', lastName: `Walker ${c.port}`, company: `Audit walk ${c.port}` })).json()
    return api(c, 'POST', `/api/leads/${lead.id}/convert`, { createDeal: true })
  } },
  // Requested, then withdrawn in the next step: initech ends as it was.
  { route: 'server/api/settings/deletion-request.post.ts', action: 'workspace.deletion_requested', run: c => api(c, 'POST', '/api/settings/deletion-request', { confirmName: 'Initech' }) },
  { route: 'server/api/settings/deletion-request.delete.ts', action: 'workspace.deletion_cancelled', run: c => api(c, 'DELETE', '/api/settings/deletion-request') },
  // Platform operations on initech that leave it as it was.
  { route: 'server/api/platform/tenants/[slug]/theme.patch.ts', action: 'tenant.theme.updated', platform: true, run: c => platformApi(c.port, 'PATCH', '/tenants/initech/theme', {}) },
  { route: 'server/api/platform/tenants/[slug]/index.patch.ts', action: 'tenant.updated', platform: true, run: c => platformApi(c.port, 'PATCH', '/tenants/initech', { name: 'Initech' }) },
  { route: 'server/api/platform/tenants/[slug]/domains/index.post.ts', action: 'tenant.domain.added', platform: true, run: c => platformApi(c.port, 'POST', '/tenants/initech/domains', { hostname: `audit-walk-${c.port}.example.test` }) },
  { route: 'server/api/platform/tenants/[slug]/domains/[hostname].delete.ts', action: 'tenant.domain.removed', platform: true, run: c => platformApi(c.port, 'DELETE', `/tenants/initech/domains/audit-walk-${c.port}.example.test`) },
  { route: 'server/api/platform/tenants/[slug]/features/[key].put.ts', action: 'tenant.feature.overridden', platform: true, run: c => platformApi(c.port, 'PUT', '/tenants/initech/features/tickets', { enabled: false }) },
]

/** Platform-wide writes that touch no tenant (only the platform's log records them), or another one than initech (`otherTenant`). */
const PLATFORM_ONLY: Step[] = [
  { route: 'server/api/platform/account/mfa/setup.post.ts', action: 'auth.mfa_setup_started', platform: true, run: async (c) => {
    const login = await hit(c.port, 'localhost', '/api/auth/login', { method: 'POST', body: { email: 'super4@atrium.test', password: 'Demo-pass-2026' } })
    c.superCookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!
    const res = await hit(c.port, 'localhost', '/api/platform/account/mfa/setup', { method: 'POST', headers: { cookie: c.superCookie } })
    c.totpSecret = res.json().secret
    return res
  } },
  { route: 'server/api/platform/account/mfa/enable.post.ts', action: 'auth.mfa_enabled', platform: true, run: c => hit(c.port, 'localhost', '/api/platform/account/mfa/enable', { method: 'POST', body: { code: totpCode(c.totpSecret) }, headers: { cookie: c.superCookie } }) },
  { route: 'server/api/platform/features/[key]/kill-switch.put.ts', action: 'feature.restored', platform: true, run: c => platformApi(c.port, 'PUT', '/features/dashboards/kill-switch', { disabled: false }) },
  // What the scheduled re-check does; a domain it verifies is logged by the system, not this request.
  { route: 'server/api/platform/domains/recheck.post.ts', action: 'domains.rechecked', platform: true, run: c => platformApi(c.port, 'POST', '/domains/recheck') },
  // The new workspace's own log records its creation; initech's is untouched.
  { route: 'server/api/platform/tenants/index.post.ts', action: 'tenant.created', platform: true, run: c => platformApi(c.port, 'POST', '/tenants', { name: `Audit walk ${c.port}`, slug: `audit-walk-${c.port}`, plan: 'starter', adminEmail: `owner-${c.port}@audit-walk.test` }) },
  // A plan of its own, edited and deleted: no tenant is on it, so no tenant's log changes.
  { route: 'server/api/platform/plans/index.post.ts', action: 'plan.created', platform: true, run: c => platformApi(c.port, 'POST', '/plans', { key: `audit-walk-${c.port}`, name: 'Audit walk', limits: { seats: 3, records: null, storageMb: null, apiCallsPerDay: null }, features: ['crm'] }) },
  { route: 'server/api/platform/plans/[key].patch.ts', action: 'plan.updated', platform: true, run: c => platformApi(c.port, 'PATCH', `/plans/audit-walk-${c.port}`, { name: 'Audit walk (renamed)', limits: { seats: 1 } }) },
  { route: 'server/api/platform/plans/[key].delete.ts', action: 'plan.deleted', platform: true, run: c => platformApi(c.port, 'DELETE', `/plans/audit-walk-${c.port}`) },
  // The lifecycle of that throwaway workspace (its own log has each; initech's is untouched).
  { route: 'server/api/platform/tenants/[slug]/plan.put.ts', action: 'tenant.plan_changed', platform: true, run: c => platformApi(c.port, 'PUT', `/tenants/audit-walk-${c.port}/plan`, { plan: 'pro' }) },
  { route: 'server/api/platform/tenants/[slug]/suspend.post.ts', action: 'tenant.suspended', platform: true, run: c => platformApi(c.port, 'POST', `/tenants/audit-walk-${c.port}/suspend`, { reason: 'Audit walk' }) },
  { route: 'server/api/platform/tenants/[slug]/reactivate.post.ts', action: 'tenant.reactivated', platform: true, run: c => platformApi(c.port, 'POST', `/tenants/audit-walk-${c.port}/reactivate`) },
  { route: 'server/api/platform/tenants/[slug]/exports/index.post.ts', action: 'tenant.export_requested', platform: true, run: c => platformApi(c.port, 'POST', `/tenants/audit-walk-${c.port}/exports`) },
  { route: 'server/api/platform/tenants/[slug]/index.delete.ts', action: 'tenant.deleted', platform: true, run: c => platformApi(c.port, 'DELETE', `/tenants/audit-walk-${c.port}`, { confirmSlug: `audit-walk-${c.port}` }) },
  { route: 'server/api/platform/tenants/[slug]/restore.post.ts', action: 'tenant.deletion_cancelled', platform: true, run: c => platformApi(c.port, 'POST', `/tenants/audit-walk-${c.port}/restore`) },
  // Vercel Cron's entry point: runs due jobs for at most a second here.
  { route: 'server/api/platform/jobs/run.post.ts', action: 'jobs.ran', platform: true, run: c => platformApi(c.port, 'POST', '/jobs/run?seconds=1') },
  // "Recount now" on the overview: queues the usage roll-up.
  { route: 'server/api/platform/usage/rollup.post.ts', action: 'usage.rollup_requested', platform: true, run: c => platformApi(c.port, 'POST', '/usage/rollup') },
  // Impersonation (a super admin with two-factor: super4, enrolled above) of a gringotts member:
  // gringotts's log and the platform's record it, initech's does not.
  { route: 'server/api/platform/tenants/[slug]/impersonations.post.ts', action: 'impersonation.started', platform: true, otherTenant: 'gringotts.localhost', run: async (c) => {
    const member = (await hit(c.port, 'localhost', '/api/platform/tenants/gringotts/members?search=member%40gringotts.test', { headers: { cookie: c.superCookie } })).json().items[0]
    const res = await hit(c.port, 'localhost', '/api/platform/tenants/gringotts/impersonations', { method: 'POST', body: { userId: member.id, reason: 'Audit walk: every write is recorded' }, headers: { cookie: c.superCookie } })
    c.impersonationUrl = res.json().url
    return res
  } },
  // Ended from the workspace: an impersonated action, so its platform copy comes from the audit itself.
  { route: 'server/api/auth/impersonation/end.post.ts', action: 'impersonation.ended', platform: true, otherTenant: 'gringotts.localhost', run: async (c) => {
    const link = new URL(c.impersonationUrl)
    const handOff = await hit(c.port, 'gringotts.localhost', `${link.pathname}${link.search}`)
    c.impersonatedCookie = String(handOff.headers['set-cookie']?.[0]).split(';')[0]!
    return hit(c.port, 'gringotts.localhost', '/api/auth/impersonation/end', { method: 'POST', headers: { cookie: c.impersonatedCookie } })
  } },
  { route: 'server/api/platform/impersonations/[id]/end.post.ts', action: 'impersonation.ended', platform: true, otherTenant: 'gringotts.localhost', run: async (c) => {
    const member = (await hit(c.port, 'localhost', '/api/platform/tenants/gringotts/members?search=viewer%40gringotts.test', { headers: { cookie: c.superCookie } })).json().items[0]
    const started = await hit(c.port, 'localhost', '/api/platform/tenants/gringotts/impersonations', { method: 'POST', body: { userId: member.id, reason: 'Audit walk: ended from the console' }, headers: { cookie: c.superCookie } })
    return hit(c.port, 'localhost', `/api/platform/impersonations/${started.json().id}/end`, { method: 'POST', headers: { cookie: c.superCookie } })
  } },
  // A super admin of its own, added, disabled and removed by super4 (no tenant's log changes).
  { route: 'server/api/platform/admins/index.post.ts', action: 'platform_admin.added', platform: true, run: async (c) => {
    const res = await hit(c.port, 'localhost', '/api/platform/admins', { method: 'POST', body: { name: 'Audit walk', email: `audit-walk-admin-${c.port}@atrium.test` }, headers: { cookie: c.superCookie } })
    c.platformAdminId = res.json().admin.id
    return res
  } },
  { route: 'server/api/platform/admins/[id].patch.ts', action: 'platform_admin.disabled', platform: true, run: c => hit(c.port, 'localhost', `/api/platform/admins/${c.platformAdminId}`, { method: 'PATCH', body: { status: 'deactivated' }, headers: { cookie: c.superCookie } }) },
  { route: 'server/api/platform/admins/[id].delete.ts', action: 'platform_admin.removed', platform: true, run: c => hit(c.port, 'localhost', `/api/platform/admins/${c.platformAdminId}`, { method: 'DELETE', headers: { cookie: c.superCookie } }) },
]

/** POST routes that change nothing (they read an upload and answer): they must leave no entry. */
const READS: Step[] = [
  { route: 'server/api/reports/preview.post.ts', action: '', run: c => api(c, 'POST', '/api/reports/preview', { definition: { source: 'accounts', columns: [{ field: 'name' }] } }) },
  { route: 'server/api/workflows/schedule-preview.post.ts', action: '', run: c => api(c, 'POST', '/api/workflows/schedule-preview', { cron: '0 8 * * 1' }) },
  { route: 'server/api/workflows/[id]/test.post.ts', action: '', run: async (c) => {
    const wf = (await api(c, 'GET', '/api/workflows')).json().items[0]
    return api(c, 'POST', `/api/workflows/${wf.id}/test`, {})
  } },
  { route: 'server/api/workflows/test.post.ts', action: '', run: c => api(c, 'POST', '/api/workflows/test', { definition: { trigger: { kind: 'manual', recordType: 'accounts' }, steps: [{ id: 'wait', type: 'delay', seconds: 60 }] } }) },
  { route: 'server/api/records/[type]/import/preview.post.ts', action: '', run: c => hit(c.port, HOST, '/api/records/accounts/import/preview', { method: 'POST', body: 'Name\nPreviewed\n', headers: { 'cookie': c.admin, 'content-type': 'text/csv' } }) },
]

describe('audit coverage', () => {
  it('every write route has a step below', () => {
    const covered = [...STEPS, ...PLATFORM_ONLY, ...READS].map(s => s.route).sort()
    expect(covered).toEqual(writeRoutes(join(ROOT, 'server/api')).filter(r => !READ_ONLY_POSTS.includes(r)).sort())
  })
})

describe.each(serversPerDriver())('every write route leaves exactly one audit entry, on $name', ({ port, driver }) => {
  const c = { port, email: `audit-walk-${port}@initech.test`, role: `auditors-${port}` } as Context
  let owner: postgres.Sql | undefined

  beforeAll(async () => {
    c.admin = await signIn(port, HOST, 'admin@initech.test')
    if (driver === 'postgres') owner = postgres(ownerUrl(), { max: 1, onnotice: () => {} })
  })
  afterAll(async () => owner?.end())

  async function platformEntries(requestId: string): Promise<string[]> {
    const rows = await owner!<{ action: string }[]>`select action from platform_audit_log where request_id = ${requestId}`
    return rows.map(r => r.action)
  }

  it.each(STEPS)('$route → $action', async (step) => {
    const res = await step.run(c)
    expect(res.status, res.body).toBeLessThan(300)
    const requestId = String(res.headers['x-request-id'])
    const audit = await api(c, 'GET', `/api/audit?requestId=${requestId}`)
    expect(audit.status).toBe(200)
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([step.action])
    if (step.platform && owner) expect(await platformEntries(requestId)).toEqual([step.action])
  })

  it.each(READS)('$route writes nothing, so leaves no entry', async (step) => {
    const res = await step.run(c)
    expect(res.status, res.body).toBeLessThan(300)
    expect((await api(c, 'GET', `/api/audit?requestId=${res.headers['x-request-id']}`)).json().total).toBe(0)
  })

  it.each(PLATFORM_ONLY)('$route → $action (platform log)', async (step) => {
    const res = await step.run(c)
    expect(res.status, res.body).toBeLessThan(300)
    const requestId = String(res.headers['x-request-id'])
    // No tenant is touched, so no tenant's log has it.
    expect((await api(c, 'GET', `/api/audit?requestId=${requestId}`)).json().total).toBe(0)
    if (owner) expect(await platformEntries(requestId)).toEqual([step.action])
    if (step.otherTenant) {
      const cookie = await signIn(c.port, step.otherTenant, `admin@${step.otherTenant.split('.')[0]}.test`)
      const audit = await hit(c.port, step.otherTenant, `/api/audit?requestId=${requestId}`, { headers: { cookie } })
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([step.action])
    }
  })
})
