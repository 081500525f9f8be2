/** The same origin (scheme, port) as `origin` (e.g. this request's, `requestOrigin(event)`), on another host name. */
export function originOn(origin: string, hostname: string): string {
  const url = new URL(origin)
  url.hostname = hostname
  return url.origin
}
