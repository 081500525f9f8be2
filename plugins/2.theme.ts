import { cssHex, themeCss } from '#shared/theme'

// The tenant's brand in the SSR head: palette variables, radius and font, title and favicon,
// so the first paint is already branded. Values come from the zod-validated theme only, and
// themeCss checks each one again as it becomes CSS (the `<style>` gets the request's CSP nonce).
export default defineNuxtPlugin(() => {
  const store = useSiteStore()
  const colorMode = useColorMode()

  const tenant = store.tenant
  if (import.meta.server && tenant && tenant.theme.colorMode !== 'system') {
    // No saved choice yet: start in the tenant's default mode, for SSR and the inline colour-mode script.
    const cookie = useCookie<string | null>('color-mode', { sameSite: 'lax', path: '/' })
    if (!cookie.value) {
      cookie.value = tenant.theme.colorMode
      colorMode.preference = tenant.theme.colorMode
    }
  }

  useHead(() => {
    const t = store.tenant
    const siteName = t?.name ?? store.platform?.name ?? ''
    // A tenant without its own icon shows its logo, never the platform's icon.
    const favicon = t ? (t.theme.favicon ?? t.theme.logo) : '/favicon.svg'
    return {
      titleTemplate: (title?: string) => title ? `${title} · ${siteName}` : siteName,
      link: favicon ? [{ key: 'favicon', rel: 'icon', href: favicon }] : [],
      style: t ? [{ key: 'tenant-theme', id: 'tenant-theme', innerHTML: themeCss(t.theme, t.palettes) }] : [],
      meta: [{ key: 'theme-color', name: 'theme-color', content: cssHex(t?.palettes.brand[5]) ?? '#4f46e5' }],
    }
  })
})
