import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import { PgBoss } from 'pg-boss'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import type { JobName } from '../../server/database/jobs-schema'
import { ownerUrl } from './owner'

// Helpers for tests of what the servers do by themselves (jobs, deliveries): an HTTP receiver on
// 127.0.0.1 standing in for a customer's system, waiting for a condition, and running a
// scheduled job now instead of waiting for its minute.

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: { id: string, type: string, version: number, timestamp: string, data: any }
}

/** A receiver that records every request and answers what `answer` says (200 by default). */
export async function receiver() {
  const got: Received[] = []
  let answer: (r: Received) => { status: number, headers?: Record<string, string> } = () => ({ status: 200 })
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      let json = {} as Received['json']
      try {
        json = JSON.parse(body || '{}')
      }
      catch { /* not JSON: kept as text in `body` */ }
      const r: Received = { path: req.url ?? '/', headers: req.headers, body, json }
      got.push(r)
      const { status, headers } = answer(r)
      res.writeHead(status, headers).end(status < 300 ? 'ok' : 'nope')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    got,
    answer: (fn: typeof answer) => {
      answer = fn
    },
    /** Deliveries of one event type whose data mentions `marker`. */
    of: (type: string, marker: string) => got.filter(r => r.json.type === type && r.body.includes(marker)),
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

/** Reads until `ok` holds or the time is up; answers the last value read (the test's expect says what was wrong). */
export async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise(r => setTimeout(r, 150))
  }
}

/** Runs a scheduled job (a sweep) now, as its cron would, and waits for it to finish. */
export async function runJobNow(name: JobName): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl(), schema: JOB_SCHEMA, max: 1, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
  boss.on('error', () => {})
  await boss.start()
  try {
    // A singleton queue refuses a second waiting job (the minute's own may be waiting): send until taken.
    let jobId: string | null = null
    for (let i = 0; i < 300 && !jobId; i++) {
      jobId = await boss.send(name, {})
      if (!jobId) await new Promise(r => setTimeout(r, 200))
    }
    for (let i = 0; i < 300 && (await boss.getJobById(name, jobId!))?.state !== 'completed'; i++) await new Promise(r => setTimeout(r, 200))
  }
  finally {
    await boss.stop({ graceful: false })
  }
}
