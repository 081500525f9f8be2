import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PUBLIC_ROUTES } from '../../server/public-routes'

const ROOT = join(import.meta.dirname, '../..')
// requireRecordAccess (server/utils/record-access.ts) calls requirePermission after the module check.
const GUARDS = [/\brequirePermission\(event,/, /\brequireRecordAccess\(event, type,/, /\brequireUser\(event\)/, /\brequirePlatformOperator\(event\)/, /\brequirePlatformAdmin\(event[,)]/,
  // GET /api/search spans record types: signed in, and at least one type readable (server/utils/search-access.ts).
  /\brequireSearchAccess\(event\)/,
  // Public API v1: v1Input (server/utils/v1.ts) checks the operation's module and permission (or any caller) first.
  /\bv1Input(<.*?>)?\(event, '/,
  // /api/graphql: signed in (person or API key); each field guards itself in server/graphql/schema.ts.
  /\brequireSignedIn\(event\)/]

function routeFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(path)
    return /\.(ts|js)$/.test(entry.name) ? [relative(ROOT, path)] : []
  })
}

describe('route inventory', () => {
  const files = [...routeFiles(join(ROOT, 'server/api')), ...routeFiles(join(ROOT, 'server/routes'))]

  it('finds the server routes', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  it.each(files)('%s is guarded or declared public', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8')
    const guarded = GUARDS.some(guard => guard.test(source))
    const isPublic = Object.hasOwn(PUBLIC_ROUTES, file)
    expect(guarded || isPublic, `${file}: call requirePermission/requireRecordAccess/requireUser/requireSignedIn/requirePlatformOperator/requirePlatformAdmin or list it in server/public-routes.ts`).toBe(true)
    // A public route that also guards itself is listed by mistake.
    expect(guarded && isPublic, `${file} is guarded and also listed as public`).toBe(false)
  })

  it('lists no public route that does not exist', () => {
    for (const file of Object.keys(PUBLIC_ROUTES)) expect(files).toContain(file)
  })
})
