import { platformAuditLog } from '#drizzle/schema'
import { runDataExport } from '#server/services/io/data-export'
import { recheckPendingDomains } from '#server/services/workspace/domains'
import { rollUpUsage } from './usage-rollup'
import { purgeDueTenants } from './tenant-purge'
import { runWebhooks, sweepWebhooks } from '#server/services/webhooks/dispatch'
import { runWorkflows, sweepWorkflows } from '#server/services/automation/engine'
import { sweepSlaBreaches } from '#server/services/crm/sla-breaches'
import { mailDueNotifications } from '#server/services/notifications/mail'
import { sendDueDigests } from '#server/services/notifications/digest'
import { runReportSchedules, sweepReportSchedules } from '#server/services/reports/delivery'
import type { JobTable } from '#server/utils/jobs'

/** The jobs: one definition per queue of JOB_QUEUES (server/database/jobs-schema.ts). */
export const JOBS: JobTable = {
  'data-export': {
    run: ({ tenantId, exportId }) => runDataExport(tenantId, exportId),
  },
  'domains-recheck': {
    schedule: '*/5 * * * *',
    async run() {
      const result = await recheckPendingDomains()
      if (result.verified.length) logger().info({ hosts: result.verified }, 'domains: verified by re-check')
      return result
    },
  },
  'usage-rollup': {
    schedule: '*/15 * * * *',
    run: () => rollUpUsage(),
  },
  'tenant-purge': {
    schedule: '*/15 * * * *',
    async run() {
      const result = await purgeDueTenants()
      if (result.purged.length) logger().info({ tenants: result.purged }, 'tenant-purge: purged')
      return result
    },
  },
  'webhooks-run': {
    run: ({ tenantId }) => runWebhooks(tenantId),
  },
  'webhooks-sweep': {
    schedule: '* * * * *',
    run: () => sweepWebhooks(),
  },
  'workflows-run': {
    batch: 4,
    run: ({ tenantId }) => runWorkflows(tenantId),
  },
  'workflows-sweep': {
    schedule: '* * * * *',
    run: () => sweepWorkflows(),
  },
  'reports-run': {
    batch: 4,
    run: ({ tenantId }) => runReportSchedules(tenantId),
  },
  'reports-sweep': {
    schedule: '* * * * *',
    run: () => sweepReportSchedules(),
  },
  'tickets-sla-sweep': {
    schedule: '* * * * *',
    run: () => sweepSlaBreaches(),
  },
  'notifications-mail': {
    schedule: '* * * * *',
    run: () => mailDueNotifications(),
  },
  'notifications-digest': {
    schedule: '*/15 * * * *',
    run: () => sendDueDigests(),
  },
  'jobs-probe': {
    async run({ marker }, job) {
      const db = await useDb()
      await db.insert(platformAuditLog).values({
        actorType: 'system', action: 'jobs.probe', entityType: 'job', entityId: job.id, after: { marker: marker ?? null, instance: JOB_INSTANCE },
      })
      return { instance: JOB_INSTANCE }
    },
  },
}
