import { DEMO_PASSWORD, DEMO_SUPER_ADMIN, seedDemo } from '../../drizzle/seed/demo'
import { openAsOwner, where } from './open'

// npm run db:seed — creates or refreshes the demo plans and tenants (idempotent).
const handle = await openAsOwner()
try {
  await seedDemo(handle.db)
  console.log(`[db] demo tenants seeded (${where()}): acme, globex, initech (dash.initech.test), umbrella (suspended)`)
  console.log(`[db] demo users: admin, manager, member, support, viewer @<tenant>.test (e.g. admin@acme.test), password ${DEMO_PASSWORD}`)
  console.log(`[db] demo super admin: ${DEMO_SUPER_ADMIN.email}, password ${DEMO_PASSWORD}, at /admin on the platform domain (http://localhost:3000/admin)`)
}
finally {
  await handle.close()
}
