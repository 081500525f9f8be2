import { getSsoSettings } from '#server/services/identity/sso'

// The workspace's single sign-on connection (never its client secret).
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return withTenant(event, scope => getSsoSettings(scope, ssoCallbackUrl(event)))
})
