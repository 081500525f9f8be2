/** Chart colours as they are read from the tenant's CSS variables. */
export interface ThemeColors {
  primary: string
  secondary: string
  text: string
  muted: string
  border: string
  background: string
  /** Categorical series (pie slices, stacked series): shades of the brand, then neutrals. */
  categories: readonly string[]
  /** Good and bad changes (KPI arrows, a forecast against what was won). */
  positive: string
  negative: string
  /** A heatmap's scale, from an empty cell to the busiest. */
  heat: readonly [string, string]
}

/**
 * The series palette of one mode, as CSS variable names: brand shades and neutrals alternated so
 * neighbours differ in hue and lightness. Dark mode takes lighter shades (they sit on a dark card).
 */
export const SERIES_PALETTE = {
  light: ['--ui-color-primary-500', '--ui-color-neutral-400', '--ui-color-primary-300', '--ui-color-neutral-600', '--ui-color-primary-700', '--ui-color-neutral-300', '--ui-color-primary-200', '--ui-color-neutral-800'],
  dark: ['--ui-color-primary-400', '--ui-color-neutral-300', '--ui-color-primary-600', '--ui-color-neutral-500', '--ui-color-primary-200', '--ui-color-neutral-600', '--ui-color-primary-800', '--ui-color-neutral-200'],
} as const

const EMPTY: ThemeColors = { primary: '', secondary: '', text: '', muted: '', border: '', background: '', categories: [], positive: '', negative: '', heat: ['', ''] }

/** Chart colours read from the tenant's CSS variables, refreshed when the colour mode changes. */
export function useThemeColors() {
  const colorMode = useColorMode()
  const colors = ref<ThemeColors>({ ...EMPTY })

  function read() {
    const style = getComputedStyle(document.documentElement)
    const v = (name: string) => style.getPropertyValue(name).trim()
    const dark = document.documentElement.classList.contains('dark')
    colors.value = {
      primary: v('--ui-primary'),
      secondary: v(dark ? '--ui-color-neutral-300' : '--ui-color-neutral-500'),
      text: v('--ui-text'),
      muted: v('--ui-text-muted'),
      border: v('--ui-border'),
      background: v('--ui-bg'),
      categories: SERIES_PALETTE[dark ? 'dark' : 'light'].map(v),
      positive: v('--ui-success'),
      negative: v('--ui-error'),
      heat: [v('--ui-bg-elevated'), v('--ui-primary')],
    }
  }

  onMounted(read)
  // The class on <html> changes a tick after the preference; read after the DOM updates.
  watch(() => colorMode.value, () => nextTick(read))
  return readonly(colors)
}
