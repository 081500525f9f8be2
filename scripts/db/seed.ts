import { sql } from 'drizzle-orm'
import { DEMO_PASSWORD, DEMO_SUPER_ADMIN, seedDemo } from '../../server/database/seed/demo'
import { seedDemoRecords } from '../../server/database/seed/demo-records'
import { openAsOwner, where } from './open'
import { demoUrl } from './seed-urls'

// npm run db:seed — brings the plans up to date and creates what is missing of the demo tenants (a
// tenant that exists keeps its changes), then gives the
// demo tenants their records once (a tenant that has records is left alone).
const handle = await openAsOwner()
try {
  await seedDemo(handle.db)
  console.log(`[db] demo tenants seeded (${where()}): acme, globex, initech (dash.initech.test), umbrella (suspended)`)
  console.log(`[db] demo users: admin, manager, member, support, viewer @<tenant>.test (e.g. admin@acme.test), password ${DEMO_PASSWORD}`)
  console.log(`[db] demo super admin: ${DEMO_SUPER_ADMIN.email}, password ${DEMO_PASSWORD}, at ${demoUrl('/admin')}`)
  console.log(`[db] open ${demoUrl('/', 'acme')} (set PORT, or NUXT_PLATFORM_DOMAIN, the same way for the server)`)
  const started = performance.now()
  const reports = await seedDemoRecords(handle.db)
  for (const r of reports) {
    console.log(r.skipped
      ? `[db] ${r.slug}: has records already, left as is`
      : `[db] ${r.slug}: ${Object.entries(r.counts!).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${(r.ms / 1000).toFixed(1)} s`)
  }
  // Fresh bulk rows leave the planner's statistics empty until autovacuum comes by; without them
  // a list's first queries sort a whole table instead of walking its index.
  if (reports.some(r => !r.skipped)) await handle.db.execute(sql`analyze`)
  console.log(`[db] demo records done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
finally {
  await handle.close()
}
