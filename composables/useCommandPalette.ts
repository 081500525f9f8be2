/** Whether the workspace's command palette is open: one state for the shortcut, the sidebar button and the palette. */
export function useCommandPalette() {
  return useState('workspace-command-palette', () => false)
}
