import type { TableColumn } from '@nuxt/ui'

/**
 * A table's columns from `field: header` pairs, in order (`{ name: 'Member', role: 'Role' }`): each
 * shows the row's field, or the table's `#<field>-cell` slot. `actions` adds the row actions' column
 * last, with a named header that is visually hidden (an empty one hydrates as a missing text node).
 */
export function tableColumns<T>(headers: Partial<Record<keyof T & string, string>>, options: { actions?: boolean } = {}): TableColumn<T>[] {
  const columns = Object.entries(headers).map(([accessorKey, header]) => ({ accessorKey, header }) as TableColumn<T>)
  if (options.actions) columns.push({ id: 'actions', header: 'Actions', meta: { class: { th: 'sr-only', td: 'text-right' } } })
  return columns
}
