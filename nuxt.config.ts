// Atrium: one Nuxt 3 app serving the platform and every tenant, chosen by the request's host.
import { fileURLToPath } from 'node:url'

export default defineNuxtConfig({

  modules: ['@nuxt/ui', '@pinia/nuxt', '@vueuse/nuxt', '@sidebase/nuxt-auth', '@nuxt/eslint'],
  devtools: { enabled: false },

  css: ['~/assets/css/main.css'],

  colorMode: {
    storage: 'cookie',
    storageKey: 'color-mode',
    preference: 'system',
    fallback: 'light',
  },

  ui: {
    // Fonts are bundled locally (no font CDN); the tenant picks one from shared/theme.ts.
    fonts: false,
  },

  runtimeConfig: {
    // Every value can be set at run time with NUXT_<NAME> (e.g. NUXT_TRUST_PROXY=true).
    trustProxy: false,
    // Bearer token Prometheus sends to GET /metrics (NUXT_METRICS_TOKEN); empty = /metrics answers 404.
    metricsToken: '',
    // Bearer token for automation on the platform API (/api/platform/*); empty = super admins only.
    platformApiToken: '',
    // Keys that encrypt secrets at rest (TOTP seeds, SSO client secrets): "id:base64-32-bytes",
    // comma-separated, the first one encrypts, all of them decrypt (rotation: docs/security.md).
    // Empty uses a fixed development key, refused when NODE_ENV=production.
    encryptionKeys: '',
    // Outgoing mail: an SMTP URL (smtp://user:pass@host:587); empty writes mails to the outbox folder.
    smtpUrl: '',
    mailFrom: 'no-reply@localhost',
    mailOutboxDir: '.data/outbox',
    // Key prefix in Redis, so several deployments (or test runs) can share one server.
    cachePrefix: 'atrium',
    tenantCacheTtl: 300,
    // In-process answer caches, in MB each (server/utils/cache.ts): dashboard and home answers, and
    // record list pages and search answers. Their use is on /metrics (atrium_answer_cache_bytes).
    answerCacheMb: 32,
    pageCacheMb: 64,
    negativeCacheTtl: 15,
    negativeCacheMax: 10000,
    // Uploaded files (logos, exports): fs | s3 | vercel-blob (see server/utils/blob-storage.ts).
    blobDriver: 'fs',
    blobDir: '.data/blobs',
    blobS3: { endpoint: '', region: '', bucket: '', accessKeyId: '', secretAccessKey: '' },
    // How often each instance adds its counted API calls into usage_daily (seconds; also on shutdown).
    usageFlushSeconds: 10,
    // The most rows a report's file holds (NUXT_REPORT_MAX_ROWS); a larger report is refused, never cut.
    reportMaxRows: 100_000,
    // Background jobs (docs/jobs.md): `worker` runs them in this process, `enqueue` only queues
    // them for the instances that do (a web instance beside jobs instances), `cron` only queues
    // (Vercel: POST /api/platform/jobs/run does the work); empty = `cron` on Vercel, else `worker`.
    jobsMode: '',
    // `jobs`: this instance runs background jobs and answers only its health, readiness and
    // metrics (503 for everything else); empty: it serves the app too.
    instanceRole: '',
    // Days between a super admin's soft delete of a tenant and the purge of its rows (docs/platform-admin.md).
    tenantPurgeDays: 30,
    // Private on purpose: public config is serialised into every page, tenants' pages included,
    // and a white-label page must not carry the platform's name or domain.
    platformDomain: 'localhost',
    platformName: 'Atrium',
    // Custom domains (docs/custom-domains.md): where their CNAME points (empty: cname.<platform
    // domain>), the DNS servers that verify them ("ip[:port]", comma-separated; empty: the
    // system's) with a per-try timeout, and how often a pending domain is re-checked.
    customDomainTarget: '',
    dnsServers: '',
    dnsTimeoutMs: 3000,
    domainRecheckMinutes: 5,
    // Vercel adapter: with a token and a project id, custom domains are added to (and removed
    // from) the Vercel project too. The API URL is overridable for tests.
    vercelToken: '',
    vercelProjectId: '',
    vercelTeamId: '',
    vercelApiUrl: 'https://api.vercel.com',
    // Outgoing requests (webhooks) go through one guard (server/utils/outbound.ts): https only, to
    // public addresses only. Listed addresses or CIDR ranges (comma-separated, e.g. "127.0.0.1")
    // are let through although private or loopback, over plain http too: for tests and for
    // receivers on the operator's own network. Empty in production unless you mean it.
    outboundAllow: '',
  },

  // Server code imports across folders by alias, never by long relative paths: `#server/…` and
  // `#shared/…` come with Nuxt; `#drizzle/…` is the schema (docs/architecture.md).
  alias: {
    '#drizzle': fileURLToPath(new URL('./drizzle', import.meta.url)),
  },

  // Nuxt UI's CSS as a cacheable file rather than inlined into every HTML response (DESIGN.md §6).
  features: { inlineStyles: false },
  compatibilityDate: '2025-07-15',

  vite: {
    // Tenants are reached by many host names (subdomains, custom domains), in dev too.
    server: { allowedHosts: true },
  },

  typescript: { strict: true },
  telemetry: false,

  hooks: {
    // exceljs → unzipper → … → get-intrinsic loads these through their "module-sync" export
    // (require.mjs), which Node ≥ 20.19 picks but the output tracer does not copy.
    // (nitropack's config type does not resolve in typecheck, hence the narrow cast.)
    'nitro:config'(config) {
      const nitro = config as unknown as { externals?: { traceInclude?: string[] } }
      const files = ['async-function', 'async-generator-function', 'generator-function']
        .map(pkg => fileURLToPath(new URL(`./node_modules/${pkg}/require.mjs`, import.meta.url)))
      // The command line bundled beside the server (cli.mjs: migrate, setup-admin) needs drizzle's
      // migrators, which the server itself never imports.
      const migrators = ['migrator.js', 'postgres-js/migrator.js', 'pglite/migrator.js']
        .map(file => fileURLToPath(new URL(`./node_modules/drizzle-orm/${file}`, import.meta.url)))
      // The reports' PDF font (server/services/reports/pdf.ts resolves it at run time): only the two faces it uses.
      const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']
        .map(file => fileURLToPath(new URL(`./node_modules/dejavu-fonts-ttf/ttf/${file}`, import.meta.url)))
      nitro.externals = { ...nitro.externals, traceInclude: [...(nitro.externals?.traceInclude ?? []), ...files, ...migrators, ...fonts] }
      // The API reference page (/developers) runs Scalar's viewer from our own origin, never a
      // CDN: its browser bundle is served as a static file under /_scalar/.
      const assets = config as unknown as { publicAssets?: { dir: string, baseURL: string, maxAge: number }[] }
      assets.publicAssets = [...(assets.publicAssets ?? []), {
        dir: fileURLToPath(new URL('./node_modules/@scalar/api-reference/dist/browser', import.meta.url)),
        baseURL: '/_scalar',
        maxAge: 60 * 60 * 24,
      }]
    },
    // After the server is built: the operator's command line and the migrations beside it
    // (scripts/build-cli.mjs). Not for Vercel, where nobody runs commands in the function.
    'nitro:init'(nitro) {
      nitro.hooks.hook('compiled', async () => {
        if (String(nitro.options.preset ?? '').includes('vercel')) return
        const { buildCli } = await import('./scripts/build-cli.mjs')
        await buildCli(nitro.options.output.serverDir)
      })
    },
  },

  // Sessions are ours (server/utils/session.ts): the secret lives in an HttpOnly cookie set by
  // /api/auth/login. nuxt-auth's local provider holds only the session's public id, and its
  // state is filled during SSR from the request's own principal (plugins/0.auth-state.server.ts),
  // so its host-less server-side session fetch never runs.
  auth: {
    baseURL: '/api/auth',
    globalAppMiddleware: false,
    provider: {
      type: 'local',
      endpoints: {
        signIn: { path: '/login', method: 'post' },
        signOut: { path: '/logout', method: 'post' },
        getSession: { path: '/session', method: 'get' },
        signUp: false,
      },
      pages: { login: '/login' },
      token: {
        signInResponseTokenPointer: '/token',
        cookieName: 'auth.handle',
        maxAgeInSeconds: 7 * 24 * 60 * 60,
        sameSiteAttribute: 'lax',
      },
      session: {
        dataType: {
          'id': 'string',
          'email': 'string',
          'name': 'string',
          'role': '{ key: string, name: string }',
          'permissions': 'string[]',
          'mfaEnrolmentRequired': 'boolean',
          'impersonation?': '{ id: string, adminName: string, adminEmail: string, reason: string, expiresAt: string } | null',
        },
      },
    },
    sessionRefresh: { enablePeriodically: false, enableOnWindowFocus: true },
  },

  eslint: {
    config: { stylistic: true },
  },

  icon: {
    // Icons come from the installed @iconify-json/lucide: no runtime fetch from the internet.
    // An icon outside the client bundle is asked of our own server, never of api.iconify.design
    // (by default a slow answer under load falls back to it, which the CSP refuses).
    provider: 'server',
    fallbackToApi: false,
    fetchTimeout: 10_000,
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true, sizeLimitKb: 256 },
  },
})
