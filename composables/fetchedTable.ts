import type { TableColumn } from '@nuxt/ui'
import type { Ref } from 'vue'

/**
 * The props of a `CommonPagedTable` over a list fetched whole (useFetch with a default of []):
 * the rows (or `rows()`, a part of them), loading while the fetch runs and its error, with the
 * table's columns and texts; `v-bind` the result on the table.
 */
export function fetchedTable<T>(
  fetched: { data: Ref<T[]>, status: Ref<string>, error: Ref<unknown> },
  table: { columns: TableColumn<T>[], errorTitle: string, empty?: string, tableTestid?: string, rows?: () => T[] },
) {
  return computed(() => ({
    columns: table.columns,
    empty: table.empty,
    errorTitle: table.errorTitle,
    tableTestid: table.tableTestid,
    data: table.rows?.() ?? fetched.data.value,
    loading: fetched.status.value === 'pending',
    error: fetched.error.value,
  }))
}
