import type { ConstructorOptions, Queue } from 'pg-boss'
import { APP_ROLE } from './connect'
import type { DatabaseHandle } from './connect'

/** pg-boss's own schema: its tables live apart from the app's (RLS, drizzle) in `public`. */
export const JOB_SCHEMA = 'pgboss'

/** Every queue the app uses, with its policy. Created by the owner at migrate time; names are the job names. */
export const JOB_QUEUES = {
  /** A tenant's data export archive ({ tenantId, exportId }). */
  'data-export': { policy: 'standard', retryLimit: 2, retryDelay: 30, expireInSeconds: 60 * 60 },
  /** Pending custom domains looked up again (scheduled every 5 minutes; one at a time). */
  'domains-recheck': { policy: 'singleton', retryLimit: 0, expireInSeconds: 10 * 60 },
  /** Every tenant's usage counted into the platform's summary and daily totals (scheduled every 15 minutes). */
  'usage-rollup': { policy: 'singleton', retryLimit: 1, retryDelay: 60, expireInSeconds: 30 * 60 },
  /** Hard delete of tenants whose grace period is over (scheduled every 15 minutes; one sweep at a time). */
  'tenant-purge': { policy: 'singleton', retryLimit: 1, retryDelay: 60, expireInSeconds: 30 * 60 },
  /**
   * One tenant's webhooks: fan out new events, send due deliveries ({ tenantId }); runs may overlap
   * safely. `short`: at most one run waits per tenant (the wake-ups' key), however many writes
   * asked for it, while one may be running; a retry's run at its later time is sent without a key.
   */
  'webhooks-run': { policy: 'short', retryLimit: 2, retryDelay: 10, expireInSeconds: 10 * 60 },
  /** Queues a run for every tenant with events or deliveries waiting (scheduled every minute). */
  'webhooks-sweep': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /**
   * One tenant's workflows: start the runs new events and due schedules trigger, move due runs on
   * ({ tenantId }). `short` as for webhooks; overlapping jobs are safe (runs are leased).
   */
  'workflows-run': { policy: 'short', retryLimit: 2, retryDelay: 10, expireInSeconds: 10 * 60 },
  /** Queues a job for every tenant with events, schedules or runs waiting (scheduled every minute). */
  'workflows-sweep': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /**
   * One tenant's scheduled reports: claim due schedules, make and deliver queued runs ({ tenantId }).
   * `short` as for webhooks; overlapping jobs are safe (schedules and runs are claimed with row locks).
   * Long: a large PDF takes tens of seconds.
   */
  'reports-run': { policy: 'short', retryLimit: 2, retryDelay: 30, expireInSeconds: 30 * 60 },
  /** Queues a job for every tenant with a report schedule due or a run waiting (scheduled every minute). */
  'reports-sweep': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /** Marks tickets that passed their SLA due time unresolved and emits `ticket.sla_breached` once each (every minute). */
  'tickets-sla-sweep': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /** Mails the notifications whose members chose email for their kind (every minute). */
  'notifications-mail': { policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60 },
  /** Mails each member's digest of unread notifications when it is due (every 15 minutes). */
  'notifications-digest': { policy: 'singleton', retryLimit: 0, expireInSeconds: 10 * 60 },
  /** Writes a `jobs.probe` platform audit entry naming the instance that ran it: shows the runner works. */
  'jobs-probe': { policy: 'standard', retryLimit: 0, expireInSeconds: 60 },
} satisfies Record<string, Omit<Queue, 'name'>>

export type JobName = keyof typeof JOB_QUEUES

/** How pg-boss reaches the database for this handle: its own pool on PostgreSQL, the shared session on PGlite. */
export async function jobConnection(handle: DatabaseHandle): Promise<ConstructorOptions> {
  if (handle.driver === 'pglite') {
    const { fromPglite } = await import('pg-boss')
    return { db: fromPglite(handle.pglite!), backend: 'pglite' }
  }
  return { connectionString: handle.url!, backend: 'postgres' }
}

/**
 * Run by the owner at `db:migrate`: installs (or upgrades) pg-boss's schema, creates the queues,
 * and grants the app role only what running jobs needs — use of the schema, rows in its tables,
 * its functions. The app role never creates or alters anything there (it starts pg-boss with
 * `migrate: false`), so it needs no CREATE on the database.
 */
export async function installJobSchema(handle: DatabaseHandle): Promise<void> {
  const { PgBoss } = await import('pg-boss')
  const boss = new PgBoss({
    ...(await jobConnection(handle)),
    schema: JOB_SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
    registerInstance: false,
    application_name: 'atrium-migrate',
  })
  boss.on('error', error => console.error(`[jobs] install: ${error.message}`))
  await boss.start()
  try {
    for (const [name, options] of Object.entries(JOB_QUEUES)) {
      if (!await boss.getQueue(name)) {
        await boss.createQueue(name, options)
        continue
      }
      // A queue's policy is fixed at creation; its other settings follow this file.
      const { policy: _policy, ...settings } = options
      await boss.updateQueue(name, settings)
    }
  }
  finally {
    await boss.stop({ graceful: false, close: handle.driver !== 'pglite' })
  }
  const grants = [
    `GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${APP_ROLE}`,
  ]
  const { sql } = await import('drizzle-orm')
  for (const statement of grants) await handle.db.execute(sql.raw(statement))
}
