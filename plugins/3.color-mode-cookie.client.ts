// @nuxtjs/color-mode 3.5 writes its cookie without a path, so a choice made under /settings/…
// lands in a cookie for /settings only and shadows the site-wide one there. Keep one cookie for
// the whole site instead: write it at path=/ for a year, and expire the directory-scoped copy.
export default defineNuxtPlugin(() => {
  const colorMode = useColorMode()
  watch(() => colorMode.preference, (preference) => {
    setTimeout(() => {
      const dir = window.location.pathname.replace(/\/[^/]*$/, '')
      if (dir) document.cookie = `color-mode=; path=${dir}; max-age=0`
      document.cookie = `color-mode=${encodeURIComponent(preference)}; path=/; max-age=31536000; samesite=lax`
    })
  }, { immediate: true }) // the module writes on every page load too, not only on a change
})
