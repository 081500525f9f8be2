/**
 * What `CommonPagedTable` takes as its `list`: a fetch's data (the rows, or a page of them with
 * its total), its status and its error — `{ data, status, error }` from useFetch, as they are.
 */
export interface PagedTableList<T> {
  data?: T[] | { items: T[], total: number } | null
  status?: string
  error?: unknown
}
