// Tenant pages exist only on a tenant's host; the platform landing only on the platform domain.
// A page that needs a feature (definePageMeta({ feature })) is a 404 where it is off.
export default defineNuxtRouteMiddleware((to) => {
  const store = useSiteStore()
  const audience = to.meta.site ?? 'any'
  if (audience === 'tenant' && !store.tenant) {
    return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))
  }
  const feature = to.meta.feature
  if (feature && store.tenant?.features[feature] !== true) {
    return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))
  }
  setPageLayout(store.isPlatform ? 'platform' : 'default')
})
