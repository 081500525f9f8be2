// The public profile of the site this host serves (platform or tenant): what the SSR payload holds.
export default defineEventHandler((event) => {
  const site = publicSite(event)
  if (!site) throw apiError(404, 'WORKSPACE_NOT_FOUND', 'No workspace at this address')
  return site
})
