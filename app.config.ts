// Nuxt UI colours are palette names; the palettes themselves come from each tenant's theme
// as CSS variables (--color-brand-*, --color-ink-*) rendered into the SSR head.
export default defineAppConfig({
  ui: {
    colors: {
      primary: 'brand',
      neutral: 'ink',
    },
  },
})
