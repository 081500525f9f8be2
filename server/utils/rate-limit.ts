import type { H3Event } from 'h3'
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'

interface Rule { name: string, points: number, duration: number, blockDuration: number }

// Failed sign-ins only (a success resets the account's count). Back-off in two steps: a short
// block after a burst, a day-long one after many. Per IP, generous enough for an office behind NAT.
const RULES = {
  accountShort: { name: 'login-account-15m', points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  accountLong: { name: 'login-account-24h', points: 20, duration: 24 * 60 * 60, blockDuration: 24 * 60 * 60 },
  ip: { name: 'login-ip-15m', points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
  // Password-reset mails: every request counts (whether the account exists or not, so the limit
  // says nothing about it); a few an hour per address, more per IP for an office behind NAT.
  resetAccount: { name: 'reset-account-1h', points: 3, duration: 60 * 60, blockDuration: 0 },
  resetIp: { name: 'reset-ip-1h', points: 20, duration: 60 * 60, blockDuration: 0 },
} satisfies Record<string, Rule>

// Limiter objects are process-wide configuration, not request data; their counters live in
// memory, or in Redis (shared by every instance) when REDIS_URL is set.
const limiters = new Map<string, RateLimiterAbstract>()
function limiter(rule: Rule): RateLimiterAbstract {
  let existing = limiters.get(rule.name)
  if (!existing) {
    const redis = useRedis()
    const options = { keyPrefix: `${useRuntimeConfig().cachePrefix || 'atrium'}:${rule.name}`, points: rule.points, duration: rule.duration, blockDuration: rule.blockDuration }
    // While Redis is away, each instance counts on its own (rate-limiter-flexible's insurance limiter).
    existing = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options)
    limiters.set(rule.name, existing)
  }
  return existing
}

const accountKey = (tenantId: string, email: string) => `${tenantId}:${email}`

function tooMany(res: RateLimiterRes, event: H3Event, what = 'Too many failed sign-in attempts'): never {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  setHeader(event, 'retry-after', seconds)
  throw apiError(429, 'RATE_LIMITED', `${what}. Try again in ${seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.`)
}

/**
 * Counts one attempt at `key` atomically (across instances with Redis) and returns its number;
 * past `max` within `seconds` the count keeps growing, so the caller sees it is over.
 */
export async function countAttempt(name: string, key: string, max: number, seconds: number): Promise<number> {
  try {
    return (await limiter({ name, points: max, duration: seconds, blockDuration: 0 }).consume(key)).consumedPoints
  }
  catch (refusal) {
    if (refusal instanceof Error) throw refusal // the store failed: not a verdict
    return (refusal as RateLimiterRes).consumedPoints
  }
}

/** Counts a password-reset request against the IP and the address; 429 with Retry-After past the limit. */
export async function limitResetMails(event: H3Event, tenantId: string, email: string): Promise<void> {
  const checks: [Rule, string][] = [
    [RULES.resetIp, event.context.clientIp ?? 'unknown'],
    [RULES.resetAccount, accountKey(tenantId, email.toLowerCase())],
  ]
  for (const [rule, key] of checks) {
    try {
      await limiter(rule).consume(key)
    }
    catch (refusal) {
      if (refusal instanceof Error) throw refusal // the store failed: not a verdict
      tooMany(refusal as RateLimiterRes, event, 'Too many password reset requests')
    }
  }
}

/** 429 with Retry-After when this IP or this account is blocked; call before checking the password. */
export async function assertLoginAllowed(event: H3Event, tenantId: string, email: string): Promise<void> {
  const checks: [Rule, string][] = [
    [RULES.ip, event.context.clientIp ?? 'unknown'],
    [RULES.accountShort, accountKey(tenantId, email)],
    [RULES.accountLong, accountKey(tenantId, email)],
  ]
  for (const [rule, key] of checks) {
    const res = await limiter(rule).get(key)
    if (res && res.consumedPoints >= rule.points && res.msBeforeNext > 0) tooMany(res, event)
  }
}

/** Counts a failed sign-in against the IP and the account. */
export async function noteLoginFailure(event: H3Event, tenantId: string, email: string): Promise<void> {
  const consume = (rule: Rule, key: string) => limiter(rule).consume(key).catch(() => { /* now blocked */ })
  await Promise.all([
    consume(RULES.ip, event.context.clientIp ?? 'unknown'),
    consume(RULES.accountShort, accountKey(tenantId, email)),
    consume(RULES.accountLong, accountKey(tenantId, email)),
  ])
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function noteLoginSuccess(tenantId: string, email: string): Promise<void> {
  await Promise.all([limiter(RULES.accountShort).delete(accountKey(tenantId, email)), limiter(RULES.accountLong).delete(accountKey(tenantId, email))])
}

/**
 * Per-key API rate: `perMinute` requests a minute for each key, counted across instances (Redis
 * when configured). Sets RateLimit-Limit/Remaining/Reset on every answer; 429 with Retry-After.
 */
export async function enforceApiKeyRate(event: H3Event, keyId: string, perMinute: number): Promise<void> {
  const rule: Rule = { name: `api-key-${perMinute}pm`, points: perMinute, duration: 60, blockDuration: 0 }
  const headers = (res: RateLimiterRes) => {
    setHeader(event, 'ratelimit-limit', perMinute)
    setHeader(event, 'ratelimit-remaining', Math.max(0, res.remainingPoints))
    setHeader(event, 'ratelimit-reset', Math.max(1, Math.ceil(res.msBeforeNext / 1000)))
  }
  try {
    headers(await limiter(rule).consume(keyId))
  }
  catch (error) {
    if (!(error instanceof Error) && typeof error === 'object' && error && 'msBeforeNext' in error) {
      const res = error as RateLimiterRes
      headers(res)
      const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
      setHeader(event, 'retry-after', seconds)
      throw apiError(429, 'RATE_LIMITED', `This API key made more than ${perMinute} requests this minute. Try again in ${seconds} seconds.`)
    }
    throw error
  }
}
