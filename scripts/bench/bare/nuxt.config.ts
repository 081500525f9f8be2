// The framework's ceiling for npm run bench:pages: a bare Nuxt 3 app with Nuxt UI 3, the same
// versions as Atrium, one SSR page and one JSON route. Built into node_modules/.cache so its
// build output stays out of the repository and out of the type check.
const out = '../../../node_modules/.cache/bench-bare'

export default defineNuxtConfig({
  modules: ['@nuxt/ui'],
  css: ['~/assets/main.css'],
  ui: { fonts: false },
  buildDir: `${out}/.nuxt`,
  compatibilityDate: '2025-01-01',
  nitro: { output: { dir: `${out}/.output` } },
  telemetry: false,
  icon: { serverBundle: { collections: ['lucide'] }, fallbackToApi: false },
})
