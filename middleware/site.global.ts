import type { Permission } from '#shared/permissions'
import { isRecordType, RECORDS } from '#shared/records'

// Every navigation: tenant pages exist only on a tenant's host and platform pages (/admin) only
// on the platform domain; both need a signed-in user (a tenant's user, or a super admin) unless
// declared public (definePageMeta({ public: true })); a page of a disabled module is a 404 (it does
// not exist here), a page beyond the user's role a 403 (it exists; error.vue says whom to ask).
const MFA_ENROLMENT_PAGE = '/account/two-factor'
const PLATFORM_MFA_PAGE = '/admin/two-factor'

export default defineNuxtRouteMiddleware((to) => {
  const store = useSiteStore()
  const notFound = () => abortNavigation(createError({ statusCode: 404, statusMessage: 'Page not found' }))
  const noAccess = () => abortNavigation(createError({ statusCode: 403, statusMessage: 'No access', data: { code: 'FORBIDDEN' } }))
  const { status } = useAuth()
  const signedIn = status.value === 'authenticated'

  if (store.isPlatform) {
    if (to.meta.site === 'tenant') return notFound()
    setPageLayout('platform')
    if (to.meta.site === 'platform' && !to.meta.public && !signedIn) {
      return navigateTo({ path: '/admin/login', query: to.fullPath === '/admin' ? {} : { redirect: to.fullPath } })
    }
    if (to.path === '/admin/login' && signedIn) return navigateTo('/admin')
    // Super admins always use two-factor: until they have it, only its set-up page opens.
    if (signedIn && to.meta.site === 'platform' && useAuth().data.value?.mfaEnrolmentRequired && to.path !== PLATFORM_MFA_PAGE) return navigateTo(PLATFORM_MFA_PAGE)
    return
  }
  if (!store.tenant || to.meta.site === 'platform') return notFound()

  // Record pages (/:type/…) take their module and permission from the record catalogue: an
  // unknown type is a 404, and so is a type whose module is off.
  const records = to.meta.records
  const recordType = records ? String(to.params.type ?? '') : null
  if (recordType !== null && !isRecordType(recordType)) return notFound()
  const feature = to.meta.feature ?? (recordType ? RECORDS[recordType as keyof typeof RECORDS].feature : undefined)
  // A module that is off does not exist, signed in or not.
  if (feature && store.tenant.features[feature] !== true) return notFound()

  if (!to.meta.public && !signedIn) {
    return navigateTo({ path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } })
  }
  if (to.path === '/login' && signedIn) return navigateTo('/')
  // A workspace that requires two-factor: members without it enrol before anything else.
  if (signedIn && useAuth().data.value?.mfaEnrolmentRequired && to.path !== MFA_ENROLMENT_PAGE) return navigateTo(MFA_ENROLMENT_PAGE)

  const permission = to.meta.permission
    ?? (recordType ? `${RECORDS[recordType as keyof typeof RECORDS].resource}:${records}` as Permission : undefined)
  if (permission && !useCan()(permission)) return noAccess()
})
