// The home page's grid rule: whatever KPIs and charts a role has, every row is full, on a phone,
// a tablet and a desktop. Each width gets its own column count and spans, set as CSS variables
// and switched by the breakpoint classes in HomeDashboard.vue (no measuring, so SSR and the
// first paint already have the final layout).

/** The three widths the home page is laid out for: phone (< 768 px), tablet (768–1279), desktop. */
export const HOME_WIDTHS = ['phone', 'tablet', 'desktop'] as const
export type HomeWidth = typeof HOME_WIDTHS[number]

/** A grid at one width: its column count and how many columns each item spans, in order. */
export interface GridRows { columns: number, spans: number[] }

/** At most this many KPIs side by side (a figure needs about 220 px to read well). */
export const KPIS_PER_ROW: Record<HomeWidth, number> = { phone: 2, tablet: 3, desktop: 4 }

/** Chart rows are six columns wide; a chart's `span` is its width in sixths on a desktop. */
export const CHART_COLUMNS = 6

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a)
const lcm = (a: number, b: number) => (a * b) / gcd(a, b)

/**
 * `count` items in rows of at most `perRow`, as even as possible, the longer rows first
 * (6 in rows of 4 → 3 + 3; 5 → 3 + 2; 7 → 4 + 3), each row as wide as the grid.
 */
export function evenRows(count: number, perRow: number): GridRows {
  if (count <= 0) return { columns: 1, spans: [] }
  const rows = Math.ceil(count / perRow)
  const small = Math.floor(count / rows)
  const longer = count % rows
  const sizes = Array.from({ length: rows }, (_, i) => (i < longer ? small + 1 : small))
  const columns = sizes.reduce(lcm, 1)
  return { columns, spans: sizes.flatMap(size => Array<number>(size).fill(columns / size)) }
}

/**
 * Items in order, each at least `mins[i]` of `columns` wide, packed into rows; a row that is not
 * full shares what is left in proportion, so a chart alone on its row spans the whole row.
 */
export function packedRows(mins: readonly number[], columns: number): GridRows {
  const widths = mins.map(m => Math.min(Math.max(1, m), columns))
  const rows: number[][] = []
  let sum = columns
  for (const [i, w] of widths.entries()) {
    if (sum + w > columns) {
      rows.push([])
      sum = 0
    }
    rows.at(-1)!.push(i)
    sum += w
  }
  const spans = Array<number>(widths.length).fill(0)
  for (const row of rows) {
    const total = row.reduce((s, i) => s + widths[i]!, 0)
    let left = columns
    row.forEach((i, n) => {
      spans[i] = n === row.length - 1 ? left : Math.max(1, Math.round(columns * widths[i]! / total))
      left -= spans[i]!
    })
  }
  return { columns, spans }
}

/** How wide a chart must be at each width, in sixths: halves at most on a tablet, the full row on a phone. */
export function chartMin(span: number, width: HomeWidth): number {
  return width === 'phone' ? CHART_COLUMNS : width === 'tablet' ? Math.max(3, span) : span
}

/** The home grid of `kpis` KPIs and these charts (their desktop spans), at each width. */
export function homeGrid(kpis: number, chartSpans: readonly number[]): Record<'kpis' | 'charts', Record<HomeWidth, GridRows>> {
  const at = <T>(fn: (w: HomeWidth) => T) => Object.fromEntries(HOME_WIDTHS.map(w => [w, fn(w)])) as Record<HomeWidth, T>
  return {
    kpis: at(w => evenRows(kpis, KPIS_PER_ROW[w])),
    charts: at(w => packedRows(chartSpans.map(s => chartMin(s, w)), CHART_COLUMNS)),
  }
}

/** The CSS variables of a grid (`--cols-phone` …) and of each of its items (`--span-phone` …). */
export function gridStyles(grid: Record<HomeWidth, GridRows>): { grid: Record<string, string>, items: Record<string, string>[] } {
  const count = grid.phone.spans.length
  return {
    grid: Object.fromEntries(HOME_WIDTHS.map(w => [`--cols-${w}`, `repeat(${grid[w].columns}, minmax(0, 1fr))`])),
    items: Array.from({ length: count }, (_, i) => Object.fromEntries(HOME_WIDTHS.map(w => [`--span-${w}`, String(grid[w].spans[i])]))),
  }
}
