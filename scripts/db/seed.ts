import { seedDemo } from '../../drizzle/seed/demo'
import { openAsOwner, where } from './open'

// npm run db:seed — creates or refreshes the demo plans and tenants (idempotent).
const handle = await openAsOwner()
try {
  await seedDemo(handle.db)
  console.log(`[db] demo tenants seeded (${where()}): acme, globex, initech (dash.initech.test), umbrella (suspended)`)
}
finally {
  await handle.close()
}
