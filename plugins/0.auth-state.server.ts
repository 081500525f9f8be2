import type { SessionUser } from '#shared/auth'

// Runs before nuxt-auth's plugin: hands it the principal our session middleware already
// resolved for this host, so SSR knows who is signed in without nuxt-auth's own session fetch
// (which would leave the Host header behind and so lose the tenant).
export default defineNuxtPlugin({
  name: 'atrium:auth-state',
  enforce: 'pre',
  setup() {
    const event = useRequestEvent()
    const principal = event?.context.principal as (SessionUser & { kind: string }) | undefined
    const { data } = useAuthState()
    data.value = principal
      ? { id: principal.id, email: principal.email, name: principal.name, role: principal.role, permissions: principal.permissions }
      : null
  },
})
