/**
 * Where the demo will be served, for the seed's log: the port the server will listen on (as Nuxt
 * and Nitro read it: NUXT_PORT, NITRO_PORT, PORT, else 3000) and the platform domain; `tenant`
 * gives that tenant's built-in address.
 */
export function demoUrl(path: string, tenant?: string, env: NodeJS.ProcessEnv = process.env): string {
  const port = env.NUXT_PORT || env.NITRO_PORT || env.PORT || '3000'
  const domain = env.NUXT_PLATFORM_DOMAIN || 'localhost'
  return `http://${tenant ? `${tenant}.` : ''}${domain}${port === '80' ? '' : `:${port}`}${path}`
}
