import type { BadgeProps, DropdownMenuItem, TableColumn } from '@nuxt/ui'
import { h } from 'vue'
import MoreMenu from '~/components/common/MoreMenu.vue'
import StatusBadge from '~/components/common/StatusBadge.vue'
import TimeCell from '~/components/common/TimeCell.vue'

type StatusColors = Partial<Record<string, BadgeProps['color']>>
/** A row's "…" menu: its items and what a screen reader hears for its button. */
export interface RowMenu<T> {
  items: (row: T) => DropdownMenuItem[]
  label: (row: T) => string
}

/**
 * A table's columns from `field: header` pairs, in order (`{ name: 'Member', role: 'Role' }`): each
 * shows the row's field, or the table's `#<field>-cell` slot. `actions` adds the row actions' column
 * last, with a named header that is visually hidden (an empty one hydrates as a missing text node);
 * given a `RowMenu`, that column shows the row's "…" menu (CommonMoreMenu). `status` shows the
 * `status` field as a CommonStatusBadge with these colours; `times` shows the named fields as muted
 * times (CommonTimeCell: relative, or a date). `wide` names columns a phone leaves out (shown from
 * the `sm` width up, by CSS, so server render and hydration agree).
 */
export function tableColumns<T>(headers: Partial<Record<keyof T & string, string>>, options: { actions?: boolean | RowMenu<T>, status?: StatusColors, times?: Partial<Record<keyof T & string, 'ago' | 'date'>>, wide?: (keyof T & string)[] } = {}): TableColumn<T>[] {
  const times: Partial<Record<string, 'ago' | 'date'>> = options.times ?? {}
  const wide: string[] = options.wide ?? []
  const columns = Object.entries(headers).map(([accessorKey, header]) => ({
    accessorKey,
    header,
    ...(wide.includes(accessorKey) ? { meta: { class: { th: 'hidden sm:table-cell', td: 'hidden sm:table-cell' } } } : {}),
    ...(accessorKey === 'status' && options.status ? { cell: statusCell(options.status) } : {}),
    ...(times[accessorKey] ? { cell: timeCell(accessorKey, times[accessorKey]) } : {}),
  }) as TableColumn<T>)
  if (options.actions) {
    const menu = typeof options.actions === 'object' ? options.actions : undefined
    columns.push({
      id: 'actions',
      header: 'Actions',
      meta: { class: { th: 'sr-only', td: 'text-right' } },
      ...(menu ? { cell: ({ row }) => h(MoreMenu, { items: menu.items(row.original), label: menu.label(row.original) }) } : {}),
    })
  }
  return columns
}

/** A column's cell that shows the row's `status` as a CommonStatusBadge coloured by `colors`. */
export function statusCell(colors: StatusColors) {
  return ({ row }: { row: { original: unknown } }) => h(StatusBadge, { status: (row.original as { status: string }).status, colors })
}

/** A column's cell that shows the row's `field` (an ISO time or null) as a CommonTimeCell. */
export function timeCell(field: string, as: 'ago' | 'date' = 'ago') {
  return ({ row }: { row: { original: unknown } }) => h(TimeCell, { at: (row.original as Record<string, string | null>)[field] ?? null, as })
}
