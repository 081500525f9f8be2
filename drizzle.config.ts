import { defineConfig } from 'drizzle-kit'

// Generates SQL migrations from drizzle/schema. RLS, FORCE and grants live in hand-written
// (`--custom`) migrations beside them; never use `drizzle-kit push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './drizzle/schema/index.ts',
  out: './drizzle/migrations',
})
