import type { H3Event } from 'h3'
import { withPlatform } from './platform-db'
import type { PlatformScope } from './platform-db'
import { withTenant } from './tenant-db'
import type { TenantScope } from './tenant-db'

// Most services take a scope: the handler opens the one transaction (`withTenant` / `withPlatform`)
// and the service works inside it. A service that must also act OUTSIDE its transaction — an
// outside call before it (a DNS check, the hosting provider), a cache dropped, a job enqueued or a
// mail sent after the commit — takes a runner instead: the same transaction with this request's
// facts, opened when the service is ready for it. The service still never sees the H3Event.

/** Opens one transaction bound to the request's tenant and runs `fn` in it (`withTenant`). */
export type TenantRunner = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>

/** Opens one platform transaction with the request's facts and runs `fn` in it (`withPlatform`). */
export type PlatformRunner = <T>(fn: (scope: PlatformScope) => Promise<T>) => Promise<T>

/** A runner of tenant transactions for this request, for a service that acts outside them too. */
export function tenantRunner(event: H3Event): TenantRunner {
  return fn => withTenant(event, fn)
}

/** A runner of platform transactions for this request, for a service that acts outside them too. */
export function platformRunner(event: H3Event): PlatformRunner {
  return fn => withPlatform(event, fn)
}
