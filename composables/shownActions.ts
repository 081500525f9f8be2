/** An item without its `show` (taken one by one, so a list of different buttons keeps their keys). */
type Shown<T> = T extends unknown ? Omit<T, 'show'> : never

/**
 * Buttons described as data (UButton props, `data-testid`, `onClick`): the ones whose `show` is not
 * false, without it, so each binds onto a UButton with `v-bind`.
 */
export function shownActions<T extends { show?: boolean }>(items: readonly T[]): Shown<T>[] {
  return items.filter(item => item.show !== false).map(({ show: _show, ...rest }) => rest as Shown<T>)
}
