import type { BadgeProps, TableColumn } from '@nuxt/ui'
import { h } from 'vue'
import StatusBadge from '~/components/common/StatusBadge.vue'

type StatusColors = Partial<Record<string, BadgeProps['color']>>

/**
 * A table's columns from `field: header` pairs, in order (`{ name: 'Member', role: 'Role' }`): each
 * shows the row's field, or the table's `#<field>-cell` slot. `actions` adds the row actions' column
 * last, with a named header that is visually hidden (an empty one hydrates as a missing text node);
 * `status` shows the `status` field as a CommonStatusBadge with these colours.
 */
export function tableColumns<T>(headers: Partial<Record<keyof T & string, string>>, options: { actions?: boolean, status?: StatusColors } = {}): TableColumn<T>[] {
  const columns = Object.entries(headers).map(([accessorKey, header]) => ({
    accessorKey,
    header,
    ...(accessorKey === 'status' && options.status ? { cell: statusCell(options.status) } : {}),
  }) as TableColumn<T>)
  if (options.actions) columns.push({ id: 'actions', header: 'Actions', meta: { class: { th: 'sr-only', td: 'text-right' } } })
  return columns
}

/** A column's cell that shows the row's `status` as a CommonStatusBadge coloured by `colors`. */
export function statusCell(colors: StatusColors) {
  return ({ row }: { row: { original: unknown } }) => h(StatusBadge, { status: (row.original as { status: string }).status, colors })
}
