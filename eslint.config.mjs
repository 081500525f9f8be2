// @ts-check
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt(
  // Generated from the API v1 document by openapi-typescript (npm run api:types).
  { ignores: ['tests/support/api-v1.d.ts'] },
  {
    // Tests read JSON responses loosely; production code may not.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Layers only point down and nothing imports itself round a loop (docs/architecture.md).
    // The resolver reads the tsconfig paths, so the `#server/…`, `#shared/…`, `#drizzle/…`
    // aliases are followed like relative imports. Type-only imports vanish at run time and
    // do not count.
    files: ['server/**/*.ts', 'shared/**/*.ts', 'composables/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    // shared/ is imported by the browser and the server alike; drizzle/ by the server and tools.
    files: ['shared/**/*.ts', 'drizzle/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['#server/*', '**/server/*', '../server/**', '../../server/**'], message: 'shared/ and drizzle/ never import server code: move the type or helper into shared/.' },
      ] }],
    },
  },
  {
    // server/utils/ holds small helpers beneath the services; a util never calls a service.
    files: ['server/utils/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['#server/services/*', '**/services/*'], message: 'server/utils must not import services: invert the dependency (register from a plugin, or move the code to a service).' },
      ] }],
    },
  },
)
