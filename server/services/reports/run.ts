import { and, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import type { ReportResult, ReportResultColumn, ReportResultRow } from '#shared/reports'
import type { TenantScope } from '#server/utils/tenant-db'
import type { CompiledReport } from './query'
import { aggregateSql, drillCondition } from './query'

type Cell = string | number | boolean | null

/** What a run returns besides the rows: the cap it was asked for and whether more matched. */
export interface RunOptions {
  /** At most this many rows (detail rows, or groups at the deepest level). */
  cap: number
  /** Open one group's records: its values, outermost first. */
  drill?: (string | null)[]
}

const cellOf = (v: unknown): Cell => (v === undefined ? null : v as Cell)

/** The SQL of the detail rows: the shown columns, filtered, sorted, limited. */
function detailSql(compiled: CompiledReport, extra: SQL | undefined, limit: number): SQL {
  const select = compiled.columns.length ? sql.join(compiled.columns.map(c => sql`${c.sql} as ${sql.identifier(c.key)}`), sql`, `) : sql`1 as c`
  return sql`select ${select} from ${compiled.from} where ${and(compiled.where, extra)} order by ${sql.join(compiled.order, sql`, `)} limit ${limit}`
}

/** How many rows the report ends with: its limit, or every row that matches (refused past REPORT_MAX_ROWS). */
export async function detailCount(scope: TenantScope, compiled: CompiledReport): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await scope.tx.execute(sql`select count(*)::int as n from ${compiled.from} where ${compiled.where}`))
  return Math.min(Number(row?.n ?? 0), compiled.def.limit ?? Number.POSITIVE_INFINITY)
}

/** Refuses a report whose rows are more than a file may hold (`max`, REPORT_MAX_ROWS unless configured lower), before anything is written. */
export function assertWithinRowLimit(rows: number, max: number): void {
  if (rows > max) {
    throw apiError(422, 'REPORT_TOO_LARGE', `This report has ${rows.toLocaleString('en')} rows; a report holds at most ${max.toLocaleString('en')}. Narrow its filters, group it, or give it a limit.`)
  }
}

/**
 * Reads the detail rows page by page (for files) through a cursor of the request's transaction:
 * the query runs once, its rows arrive as the file is written, and memory holds one page.
 */
export async function* detailPages(scope: TenantScope, compiled: CompiledReport, total: number, pageSize = 2000): AsyncGenerator<Cell[][]> {
  await scope.tx.execute(sql`declare report_rows no scroll cursor for ${detailSql(compiled, undefined, total)}`)
  try {
    for (;;) {
      const rows = rowsOf<Record<string, unknown>>(await scope.tx.execute(sql`fetch forward ${sql.raw(String(pageSize))} from report_rows`))
      if (rows.length) yield rows.map(r => compiled.columns.map(c => cellOf(r[c.key])))
      if (rows.length < pageSize) return
    }
  }
  finally {
    await scope.tx.execute(sql`close report_rows`)
  }
}

interface GroupRow { cells: Cell[], keys: Cell[], gid: number }

/**
 * The groups of a grouped report with their aggregates: `rollup` gives every level's subtotal and
 * the grand total in one statement; they are ordered here (each first-level group's rows, then
 * its subtotal; the total last), by the report's sorts or else by the group values.
 */
async function groupedRows(scope: TenantScope, compiled: CompiledReport, cap: number): Promise<{ rows: ReportResultRow[], truncated: boolean, groups: number }> {
  const g = compiled.groups
  // The row values are named in an inner select, so the rollup groups by plain columns.
  const keys = g.map((x, i) => sql`${x.sql} as ${sql.identifier(`g${i}`)}`)
  const values = compiled.aggregates.flatMap((a, i) => a.input ? [sql`${a.input} as ${sql.identifier(`v${i}`)}`] : [])
  const aggs = compiled.aggregates.map((a, i) => sql`${aggregateSql(a, sql`${sql.identifier(`v${i}`)}`)} as ${sql.identifier(`a${i}`)}`)
  const names = sql.join(g.map((_, i) => sql.identifier(`g${i}`)), sql`, `)
  const inner = sql`select ${names}, ${sql.join(aggs.length ? aggs : [sql`count(*) as n`], sql`, `)}, grouping(${names})::int as gid
    from (select ${sql.join([...keys, ...values], sql`, `)} from ${compiled.from} where ${compiled.where}) x group by rollup(${names})`
  const raw = rowsOf<Record<string, unknown>>(await scope.tx.execute(inner))
  const rows: GroupRow[] = raw.map(r => ({
    keys: g.map((_, i) => cellOf(r[`g${i}`])),
    cells: [...g.map((_, i) => cellOf(r[`g${i}`])), ...compiled.aggregates.map((_, i) => cellOf(r[`a${i}`]))],
    gid: Number(r.gid),
  }))
  const depth = g.length
  const compare = (a: GroupRow, b: GroupRow, level: number): number => {
    for (const s of compiled.groupSort) {
      if (s.kind === 'group' && s.index > level) continue
      const at = s.kind === 'group' ? s.index : depth + s.index
      const d = compareCells(a.cells[at] ?? null, b.cells[at] ?? null)
      if (d) return s.dir === 'asc' ? d : -d
    }
    for (let i = 0; i <= level; i++) {
      const d = compareCells(a.keys[i] ?? null, b.keys[i] ?? null)
      if (d) return d
    }
    return 0
  }
  const total = rows.find(r => r.gid === (1 << depth) - 1)
  const deepest = rows.filter(r => r.gid === 0)
  const truncated = deepest.length > cap
  const out: ReportResultRow[] = []
  const drillOf = (r: GroupRow, upTo: number) => r.keys.slice(0, upTo).map(k => (k === null ? null : String(k)))
  if (depth === 1) {
    for (const r of deepest.sort((a, b) => compare(a, b, 0)).slice(0, cap)) out.push({ cells: r.cells, level: 0, drill: drillOf(r, 1) })
  }
  else {
    // Two levels: first-level subtotals (gid 1: the second key rolled up) order the blocks.
    const firsts = rows.filter(r => r.gid === 1).sort((a, b) => compare(a, b, 0))
    // The deepest groups by their first key, once (not a scan of them all per block).
    const blocks = new Map<Cell, GroupRow[]>()
    for (const r of deepest) {
      const key = r.keys[0] ?? null
      const block = blocks.get(key)
      if (block) block.push(r)
      else blocks.set(key, [r])
    }
    let shown = 0
    for (const first of firsts) {
      if (shown >= cap) break
      const inner = (blocks.get(first.keys[0] ?? null) ?? []).sort((a, b) => compare(a, b, 1))
      for (const r of inner.slice(0, cap - shown)) out.push({ cells: r.cells, level: 0, drill: drillOf(r, 2) })
      shown += Math.min(inner.length, cap - shown)
      out.push({ cells: [first.keys[0] ?? null, null, ...first.cells.slice(depth)], level: 1, drill: drillOf(first, 1) })
    }
  }
  if (total) out.push({ cells: [...g.map(() => null), ...total.cells.slice(depth)], level: 2 })
  return { rows: out, truncated, groups: deepest.length }
}

/** An aggregate as a column of the answer. */
export const aggregateColumn = ({ key, label, type, currency }: CompiledReport['aggregates'][number]): ReportResultColumn => ({ key, label, type, ...(currency ? { currency } : {}) })

/** Nulls last; numbers as numbers; everything else as text in the workspace-neutral collation. */
function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en')
}

/** Runs a compiled report for the screen (or a drill-down into one of its groups). */
export async function runReport(scope: TenantScope, compiled: CompiledReport, opts: RunOptions, meta: { timeZone: string }): Promise<ReportResult> {
  const base = { hidden: compiled.hidden, filterSummary: compiled.filterSummary, ranAt: new Date().toISOString(), timeZone: meta.timeZone }
  if (compiled.groups.length && !opts.drill) {
    const { rows, truncated } = await groupedRows(scope, compiled, opts.cap)
    return { ...base, columns: [...compiled.groups.map(x => x.column), ...compiled.aggregates.map(aggregateColumn)], rows, grouped: true, groupColumns: compiled.groups.length, truncated }
  }
  const cap = Math.min(opts.cap, compiled.def.limit ?? Number.POSITIVE_INFINITY)
  const extra = opts.drill ? drillCondition(compiled, opts.drill) : undefined
  const raw = rowsOf<Record<string, unknown>>(await scope.tx.execute(detailSql(compiled, extra, cap + 1)))
  return {
    ...base,
    columns: compiled.columns.map(({ sql: _sql, ...c }) => c),
    rows: raw.slice(0, cap).map(r => ({ cells: compiled.columns.map(c => cellOf(r[c.key])) })),
    grouped: false,
    groupColumns: 0,
    truncated: raw.length > cap,
  }
}

/** A grouped report's whole table (for files): every group, subtotal and the total. */
export async function groupedTable(scope: TenantScope, compiled: CompiledReport, max: number): Promise<ReportResultRow[]> {
  const { rows, truncated, groups } = await groupedRows(scope, compiled, compiled.def.limit ?? max)
  if (truncated && !compiled.def.limit) assertWithinRowLimit(groups, max)
  return rows
}
