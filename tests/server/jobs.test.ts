import { randomUUID } from 'node:crypto'
import { PgBoss } from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import { hit, platformApi, servers } from '../support/http'
import { ownerAccess, ownerUrl } from '../support/owner'
import { PLATFORM_TOKEN } from '../support/env'

// The PostgreSQL servers (postgres, postgres-b, postgres-proxy) share one database, so each runs a
// pg-boss worker on the same queues. Jobs are sent here, straight into that database as its owner,
// and each run of the `jobs-probe` job leaves a platform audit entry naming the instance that ran it.
const PROBES = 20

describe('background jobs on PostgreSQL with several instances', () => {
  const owner = ownerAccess()
  let boss: PgBoss

  beforeAll(async () => {
    expect(servers().filter(s => s.driver === 'postgres').length).toBeGreaterThanOrEqual(2)
    boss = new PgBoss({ connectionString: ownerUrl(), schema: JOB_SCHEMA, max: 2, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
    boss.on('error', () => {})
    await boss.start()
  })
  afterAll(async () => {
    await boss?.stop({ graceful: false })
  })

  const probeRuns = async (markers: string[]): Promise<{ marker: string, instance: string, jobId: string }[]> => owner.sql()<{ marker: string, instance: string, jobId: string }[]>`
    select after->>'marker' as marker, after->>'instance' as instance, entity_id as "jobId" from platform_audit_log
    where action = 'jobs.probe' and after->>'marker' in ${owner.sql()(markers)}`

  it('every PostgreSQL instance runs a worker', async () => {
    // Each server registers itself in pg-boss's instance registry when its runner starts.
    let live: string[] = []
    for (let i = 0; i < 50 && live.length < 2; i++) {
      live = (await boss.getInstances()).filter(x => x.live && !x.stoppedOn && x.schedule).map(x => x.name ?? x.id)
      if (live.length < 2) await new Promise(r => setTimeout(r, 200))
    }
    expect(new Set(live).size).toBeGreaterThanOrEqual(2)
  })

  it('a job enqueued once runs exactly once, across instances that all work the queue', async () => {
    const markers = Array.from({ length: PROBES }, () => randomUUID())
    const ids = await Promise.all(markers.map(marker => boss.send('jobs-probe', { marker })))
    expect(ids.every(Boolean)).toBe(true)

    let runs: { marker: string, instance: string, jobId: string }[] = []
    for (let i = 0; i < 100 && runs.length < PROBES; i++) {
      await new Promise(r => setTimeout(r, 200))
      runs = await probeRuns(markers)
    }
    // Time for a second (wrong) run to show up, had one been made.
    await new Promise(r => setTimeout(r, 3000))
    runs = await probeRuns(markers)

    expect(runs.length).toBe(PROBES)
    expect(new Set(runs.map(r => r.marker)).size).toBe(PROBES)
    expect(new Set(runs.map(r => r.jobId))).toEqual(new Set(ids))
    const jobs = await boss.findJobs('jobs-probe', { id: ids[0]! })
    expect(jobs[0]?.state).toBe('completed')
  })

  it('POST /api/platform/jobs/run (Vercel Cron) runs due jobs alongside the workers, still once each', async () => {
    const b = servers().find(s => s.name === 'postgres-b')!
    expect((await hit(b.port, 'localhost', '/api/platform/jobs/run', { method: 'POST' })).status).toBe(401)
    const markers = [randomUUID(), randomUUID(), randomUUID()]
    await Promise.all(markers.map(marker => boss.send('jobs-probe', { marker })))
    const res = await platformApi(b.port, 'POST', '/jobs/run?seconds=2')
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({ timedOut: expect.any(Boolean), completed: expect.any(Object) })
    let runs: { marker: string, instance: string, jobId: string }[] = []
    for (let i = 0; i < 100 && runs.length < markers.length; i++) {
      await new Promise(r => setTimeout(r, 200))
      runs = await probeRuns(markers)
    }
    await new Promise(r => setTimeout(r, 2000))
    expect((await probeRuns(markers)).length).toBe(markers.length)
  })

  it('GET /api/platform/jobs/cron (what Vercel Cron can send) needs the token and does the same work', async () => {
    const b = servers().find(s => s.name === 'postgres-b')!
    expect((await hit(b.port, 'localhost', '/api/platform/jobs/cron')).status).toBe(401)
    expect((await hit(b.port, 'acme.localhost', '/api/platform/jobs/cron', { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } })).status).toBe(404)
    const marker = randomUUID()
    await boss.send('jobs-probe', { marker })
    const res = await hit(b.port, 'localhost', '/api/platform/jobs/cron', { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({ timedOut: false, completed: expect.any(Object) })
    let runs: unknown[] = []
    for (let i = 0; i < 50 && runs.length < 1; i++) {
      await new Promise(r => setTimeout(r, 200))
      runs = await probeRuns([marker])
    }
    expect(runs).toHaveLength(1)
  })

  it('the domain re-check is a pg-boss schedule, every five minutes', async () => {
    const schedules = await boss.getSchedules('domains-recheck')
    expect(schedules.map(s => s.cron)).toEqual(['*/5 * * * *'])
  })
})
