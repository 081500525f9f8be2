// Runs before nuxt-auth's plugin: hands it whoever our session middleware already resolved for
// this host (a tenant's user, or a super admin on the platform domain), so SSR knows who is
// signed in without nuxt-auth's own session fetch (which would leave the Host header behind and
// so lose the tenant).
export default defineNuxtPlugin({
  name: 'atrium:auth-state',
  enforce: 'pre',
  setup() {
    const { data } = useAuthState()
    data.value = useRequestEvent()?.context.sessionUser ?? null
  },
})
