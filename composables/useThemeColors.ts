/** Chart colours read from the tenant's CSS variables, refreshed when the colour mode changes. */
export function useThemeColors() {
  const colorMode = useColorMode()
  const colors = ref({ primary: '', secondary: '', text: '', muted: '', border: '', background: '', categories: [] as string[] })

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
      // Categorical series (pie slices): shades of the brand, then neutrals, told apart in both modes.
      categories: (dark
        ? ['--ui-color-primary-400', '--ui-color-neutral-300', '--ui-color-primary-600', '--ui-color-neutral-500', '--ui-color-primary-200', '--ui-color-neutral-600']
        : ['--ui-color-primary-500', '--ui-color-neutral-400', '--ui-color-primary-300', '--ui-color-neutral-600', '--ui-color-primary-700', '--ui-color-neutral-300']).map(v),
    }
  }

  onMounted(read)
  // The class on <html> changes a tick after the preference; read after the DOM updates.
  watch(() => colorMode.value, () => nextTick(read))
  return readonly(colors)
}
