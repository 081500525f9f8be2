/**
 * Server routes that answer without a permission check, each for a stated reason. Every other
 * route file must call requirePermission (tenant routes), requireUser (self-service routes that
 * act only on the caller's own account) or requirePlatformOperator (platform routes);
 * tests/unit/route-inventory.test.ts fails otherwise.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  'server/api/health.get.ts': 'liveness for load balancers; no tenant, no data',
  'server/api/ready.get.ts': 'readiness for load balancers: whether the database answers and its migrations match; counts only',
  'server/api/site.get.ts': 'the public profile (name, theme, features) every page of the host already carries',
  'server/api/auth/login.post.ts': 'signing in',
  'server/api/auth/logout.post.ts': 'signing out ends only the caller\'s own session',
  'server/api/auth/forgot-password.post.ts': 'starting a reset; answers alike for every email',
  'server/api/auth/reset-password.post.ts': 'the single-use token from the mail is the credential',
  'server/api/auth/accept-invitation.post.ts': 'the single-use token from the invitation is the credential',
  'server/api/auth/invitation.get.ts': 'the invitation\'s token is the credential; answers only its own address and the name typed for it, and does not use it up',
  'server/api/auth/sso/start.get.ts': 'starting single sign-on sends the browser to the identity provider',
  'server/api/auth/sso/callback.get.ts': 'the identity provider\'s answer, checked against the sealed flow cookie, is the credential',
  'server/api/tls/ask.get.ts': 'Caddy\'s on-demand TLS question; answers only whether a name is served, which its DNS already tells',
  'server/routes/metrics.get.ts': 'Prometheus\'s scrape: checks its own bearer token (NUXT_METRICS_TOKEN; 404 when unset); counts by route pattern, no tenant data',
  'server/api/auth/login-mfa.post.ts': 'the second sign-in step: the challenge from a correct password is the credential',
  'server/api/auth/impersonate.get.ts': 'the single-use, two-minute hand-off token a super admin got from the console is the credential; only on that tenant\'s hosts',
  'server/routes/assets/brand/[tenant]/[file].get.ts': 'a workspace\'s logo and sign-in images, shown before anyone signs in; only on that workspace\'s own host',
  'server/api/report-files/[runId].get.ts': 'a scheduled report\'s file by the link in its mail or webhook event: the link\'s secret (kept hashed) is the credential; only that file, only on its workspace\'s host, while it is kept',
  'server/api/hooks/[id].post.ts': 'an incoming webhook: its Standard Webhooks signature over the raw body, with the receiver\'s secret, is the credential',
  'server/api/approvals/link.get.ts': 'a mailed approval link: its single-use, seven-day token (kept hashed) is the credential; shows only that request, only on its workspace\'s host',
  'server/api/approvals/link.post.ts': 'the decision from a mailed approval link: its single-use token is the credential, used up by the decision',
  'server/api/v1/openapi.json.get.ts': 'the public API\'s OpenAPI document: describes routes and shapes, holds no workspace data; the /developers reference page reads it before sign-in',
}
