import type { ButtonProps } from '@nuxt/ui'

/** A button described as data: UButton's props, its test id and click, and whether it is shown. */
export type ButtonItem = ButtonProps & { 'show'?: boolean, 'data-testid'?: string, 'onClick'?: () => unknown } & { [aria: `aria-${string}`]: string | undefined }

/** The items whose `show` is not false, without it, so each binds onto a UButton with `v-bind`. */
export function shownActions(items: readonly ButtonItem[]): Omit<ButtonItem, 'show'>[] {
  return items.filter(item => item.show !== false).map(({ show: _show, ...rest }) => rest)
}
