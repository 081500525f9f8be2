/**
 * A tenant's address as a link from the console: its host on the scheme and port this page was
 * reached on (dev servers run on :3000). From the request URL, so server and browser agree.
 */
export function useTenantHostUrl() {
  const url = useRequestURL()
  return (host: string) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}/`
}
