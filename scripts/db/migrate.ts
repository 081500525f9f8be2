import { runMigrations } from '../../server/database/migrate'
import { openAsOwner, where } from './open'

// npm run db:migrate — applies drizzle/migrations (schema, RLS, grants) as the database owner.
const handle = await openAsOwner()
try {
  await runMigrations(handle)
  console.log(`[db] migrations applied (${where()})`)
}
finally {
  await handle.close()
}
