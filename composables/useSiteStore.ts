import { defineStore } from 'pinia'
import type { PublicSite } from '#shared/site'

/**
 * The site this page is served for, filled once on the server (plugins/1.site.ts) and handed
 * to the browser through the SSR payload: the only way tenant state reaches the client.
 */
export const useSiteStore = defineStore('site', () => {
  const site = ref<PublicSite | null>(null)
  const tenant = computed(() => site.value?.kind === 'tenant' ? site.value.tenant : null)
  const platform = computed(() => site.value?.kind === 'platform' ? site.value : null)
  const isPlatform = computed(() => site.value?.kind === 'platform')
  /** Reads the site again after a settings change, so the shell shows it without a reload. */
  async function refresh() {
    site.value = await $fetch<PublicSite>('/api/site')
  }
  return { site, tenant, platform, isPlatform, refresh }
})
