import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Three layers (CONVENTIONS.md §11): plain unit tests; server tests over real HTTP against the
// built app on PGlite and on PostgreSQL; browser tests in Debian's Chromium. The e2e layer shares
// one set of servers started by tests/support/global-setup.ts.
// The aliases server code imports by (nuxt.config.ts), for tests that load server modules directly.
const alias = {
  '#shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '#server': fileURLToPath(new URL('./server', import.meta.url)),
  '#drizzle': fileURLToPath(new URL('./drizzle', import.meta.url)),
}

export default defineConfig({
  test: {
    // e2e files share servers and some change a tenant and put it back: one file at a time.
    fileParallelism: false,
    projects: [
      {
        // Composables import shared code as Nuxt does (`#shared/…`).
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/server/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
