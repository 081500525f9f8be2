import type { Permission } from '#shared/permissions'

// Every navigation: tenant pages exist only on a tenant's host; they need a signed-in user
// unless declared public (definePageMeta({ public: true })); a page of a disabled module or
// beyond the user's role is a 404.
export default defineNuxtRouteMiddleware((to) => {
  const store = useSiteStore()
  if (store.isPlatform) {
    if (to.meta.site === 'tenant') return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))
    setPageLayout('platform')
    return
  }
  if (!store.tenant) return abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))

  const notFound = () => abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))
  // A module that is off does not exist, signed in or not.
  if (to.meta.feature && store.tenant.features[to.meta.feature] !== true) return notFound()

  const { status } = useAuth()
  const signedIn = status.value === 'authenticated'
  if (!to.meta.public && !signedIn) {
    return navigateTo({ path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } })
  }
  if (to.path === '/login' && signedIn) return navigateTo('/')

  const permission = to.meta.permission as Permission | undefined
  if (permission && !useCan()(permission)) return notFound()
})
