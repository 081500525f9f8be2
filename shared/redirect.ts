/** `target` if it is a path on this same host, else `fallback`: never an open redirect (`//x`, `/\x`). */
export function safeRedirectPath(target: string | undefined, fallback = '/'): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : fallback
}
