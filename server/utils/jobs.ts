import { hostname } from 'node:os'
import type { Job, JobResult, PgBoss, SendOptions } from 'pg-boss'
import { JOB_SCHEMA, jobConnection } from '#server/database/jobs-schema'
import type { JobName } from '#server/database/jobs-schema'
import { metrics } from './prometheus'

/** Who this process is in job logs and the probe's audit entries. */
export const JOB_INSTANCE = `${hostname()}:${process.pid}`

/** How one queue's jobs run: the handler, and optionally a schedule. */
export interface JobDefinition<T> {
  /** Runs one job; a throw fails it (pg-boss retries per the queue's settings in JOB_QUEUES). */
  run: (data: T, job: Job<T>) => Promise<unknown>
  /** A cron expression (UTC): pg-boss sends the job on it, once across every instance. */
  schedule?: string
  /**
   * Jobs fetched at once (default 1), run one after the other. pg-boss waits its polling interval
   * (1 s) after each fetch unless the fetch came back full, so a queue with many short jobs (one per
   * tenant) fetches several and keeps fetching while they come: without it, it would run one a second.
   */
  batch?: number
}

/** One definition per queue of JOB_QUEUES (server/database/jobs-schema.ts). */
export type JobTable = { [N in JobName]: JobDefinition<JobData[N]> }

// The handlers are services (server/services/platform/job-handlers.ts); the jobs plugin hands them
// over at start-up, so this util never imports a service. Set once per process, not request data.
let jobTable: JobTable | undefined

/** Hands the job handlers to the runner (server/plugins/0.jobs.ts, before anything is queued). */
export function registerJobs(table: JobTable): void {
  jobTable = table
}

function registeredJobs(): [JobName, JobDefinition<unknown>][] {
  if (!jobTable) throw new Error('No job handlers registered (server/plugins/0.jobs.ts)')
  return Object.entries(jobTable) as [JobName, JobDefinition<unknown>][]
}

export interface JobData {
  'data-export': { tenantId: string, exportId: string }
  'domains-recheck': Record<string, never> | null
  'usage-rollup': Record<string, never> | null
  'tenant-purge': Record<string, never> | null
  'webhooks-run': { tenantId: string }
  'webhooks-sweep': Record<string, never> | null
  'workflows-run': { tenantId: string }
  'workflows-sweep': Record<string, never> | null
  'reports-run': { tenantId: string }
  'reports-sweep': Record<string, never> | null
  'tickets-sla-sweep': Record<string, never> | null
  'notifications-mail': Record<string, never> | null
  'notifications-digest': Record<string, never> | null
  'jobs-probe': { marker?: string }
}

/**
 * `worker`: this process runs jobs (Node, one or many instances). `enqueue`: it only queues them,
 * and instances in `worker` mode run them (web instances beside jobs instances). `cron`: it only
 * queues; jobs run from `POST /api/platform/jobs/run` (Vercel). A jobs instance is always a worker.
 */
export function jobMode(): 'worker' | 'enqueue' | 'cron' {
  if (instanceRole() === 'jobs') return 'worker'
  const configured = String(useRuntimeConfig().jobsMode || '')
  if (configured === 'worker' || configured === 'enqueue' || configured === 'cron') return configured
  return process.env.VERCEL ? 'cron' : 'worker'
}

/** `jobs`: an instance that runs jobs and serves nothing but health, readiness and metrics; `app`: the whole app. */
export function instanceRole(): 'app' | 'jobs' {
  return String(useRuntimeConfig().instanceRole || '') === 'jobs' ? 'jobs' : 'app'
}

let boss: Promise<PgBoss> | undefined

/** Runs one job, counted by queue and outcome for /metrics. */
async function countedJob<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    const output = await run()
    metrics().jobs.inc({ queue: name, outcome: 'completed' })
    return output
  }
  catch (error) {
    metrics().jobs.inc({ queue: name, outcome: 'failed' })
    throw error
  }
}

/** The process's pg-boss, started on first use (workers and schedules only in `worker` mode). */
export function useJobs(): Promise<PgBoss> {
  boss ??= (async () => {
    const handle = await useDatabase()
    const { PgBoss } = await import('pg-boss')
    const worker = jobMode() === 'worker'
    const instance = new PgBoss({
      ...(await jobConnection(handle)),
      schema: JOB_SCHEMA,
      max: 3,
      application_name: 'atrium-jobs',
      // The owner installs and upgrades the schema at `db:migrate`; the app role may not.
      migrate: false,
      createSchema: false,
      // Index rebuilds need the owner; leave them to it.
      reindex: false,
      supervise: worker,
      schedule: worker,
      registerInstance: worker,
      instanceName: JOB_INSTANCE,
    })
    instance.on('error', error => logger().warn({ cause: error.message }, 'jobs: queue connection failed; pg-boss retries'))
    await instance.start()
    if (worker) {
      for (const [name, definition] of registeredJobs()) {
        const batchSize = definition.batch ?? 1
        await instance.work<unknown>(name, { batchSize, pollingIntervalSeconds: 1, burstWhenBatchFull: batchSize > 1, perJobResults: true }, async (jobs) => {
          const results: JobResult[] = []
          for (const job of jobs) {
            try {
              const output = await countedJob(name, () => definition.run(job.data, job))
              results.push({ id: job.id, status: 'completed', output: output && typeof output === 'object' ? output : null })
            }
            catch (error) {
              results.push({ id: job.id, status: 'failed', output: { message: (error as Error).message } })
            }
          }
          return results
        })
        if (definition.schedule) await instance.schedule(name, definition.schedule, null, { tz: 'UTC' })
      }
      // The console's usage figures are there from the first start, not 15 minutes later.
      await instance.send('usage-rollup', null, { singletonKey: 'startup', singletonSeconds: 300 })
    }
    return instance
  })()
  boss.catch(() => {
    boss = undefined
  })
  return boss
}

/** Queues a job; it runs on whichever instance fetches it first, once. Returns the job id (null when a singleton/throttle dropped it). */
export async function enqueue<N extends JobName>(name: N, data: JobData[N], options: Omit<SendOptions, 'db'> = {}): Promise<string | null> {
  return (await useJobs()).send(name, data ?? null, options)
}

/** Stops fetching, lets running jobs finish (up to 20 s), and releases pg-boss's pool. */
export async function stopJobs(): Promise<void> {
  if (!boss) return
  const current = boss
  boss = undefined
  const instance = await current.catch(() => null)
  await instance?.stop({ graceful: true, timeout: 20_000, close: true })
}

export interface JobRunSummary {
  /** Scheduled jobs sent by this call (one per schedule per minute, whoever calls). */
  scheduled: string[]
  completed: Partial<Record<JobName, number>>
  failed: Partial<Record<JobName, number>>
  /** True when the time budget ran out with jobs possibly left: the next call takes them. */
  timedOut: boolean
}

/**
 * Runs due jobs in this request, for at most `budgetMs` (cron mode: Vercel Cron calls
 * `POST /api/platform/jobs/run`). Scheduled jobs are sent first, throttled to one a minute per
 * job, then each queue is drained one job at a time; pg-boss's fetch locks each job, so
 * overlapping calls (or a worker elsewhere) never run the same job twice.
 */
export async function runDueJobs(budgetMs: number): Promise<JobRunSummary> {
  const boss = await useJobs()
  const deadline = Date.now() + budgetMs
  const summary: JobRunSummary = { scheduled: [], completed: {}, failed: {}, timedOut: false }
  const entries = registeredJobs()
  for (const [name, definition] of entries) {
    if (!definition.schedule) continue
    if (await boss.send(name, null, { singletonKey: `cron:${name}`, singletonSeconds: 60 })) summary.scheduled.push(name)
  }
  for (const [name, definition] of entries) {
    while (Date.now() < deadline) {
      const [job] = await boss.fetch<unknown>(name, { batchSize: 1 })
      if (!job) break
      try {
        const output = await countedJob(name, () => definition.run(job.data, job))
        await boss.complete(name, job.id, output && typeof output === 'object' ? output : null)
        summary.completed[name] = (summary.completed[name] ?? 0) + 1
      }
      catch (error) {
        await boss.fail(name, job.id, { message: (error as Error).message })
        summary.failed[name] = (summary.failed[name] ?? 0) + 1
      }
    }
    if (Date.now() >= deadline) {
      summary.timedOut = true
      break
    }
  }
  return summary
}
