import { describe, expect, it } from 'vitest'
import type { GridRows } from '../../composables/homeGrid'
import { evenRows, gridStyles, HOME_WIDTHS, homeGrid, packedRows } from '../../composables/homeGrid'
import { HOME_CHART_LAYOUT } from '../../composables/useHomeDashboard'

// The home grid leaves no hole: for any number of KPIs and any set of charts a role may have,
// every row's spans add up to the grid's columns, at phone, tablet and desktop widths.

/** The rows of a grid as the browser fills them (an item that does not fit starts a new row). */
function rowsOf({ columns, spans }: GridRows): number[][] {
  const rows: number[][] = []
  let sum = columns
  for (const s of spans) {
    expect(s).toBeGreaterThan(0)
    expect(s).toBeLessThanOrEqual(columns)
    if (sum + s > columns) {
      rows.push([])
      sum = 0
    }
    rows.at(-1)!.push(s)
    sum += s
  }
  return rows
}

const full = (g: GridRows) => rowsOf(g).every(row => row.reduce((a, b) => a + b, 0) === g.columns)

/** Every subset of the home's charts, in layout order (what some role and plan may see). */
const chartSets = Array.from({ length: 2 ** HOME_CHART_LAYOUT.length }, (_, mask) => HOME_CHART_LAYOUT.filter((_, i) => mask & (1 << i)))

describe('home grid', () => {
  it('lays out KPIs in even rows (6 as 3 + 3, 5 as 3 + 2) that fill the width', () => {
    expect(rowsOf(evenRows(6, 4))).toEqual([[1, 1, 1], [1, 1, 1]])
    expect(evenRows(6, 4).columns).toBe(3)
    expect(rowsOf(evenRows(5, 4))).toEqual([[2, 2, 2], [3, 3]])
    expect(rowsOf(evenRows(8, 4))).toEqual([[1, 1, 1, 1], [1, 1, 1, 1]])
    expect(rowsOf(evenRows(3, 2))).toEqual([[1, 1], [2]])
    expect(evenRows(0, 4).spans).toEqual([])
    for (let n = 1; n <= 12; n++) {
      for (const perRow of [1, 2, 3, 4, 5]) {
        const g = evenRows(n, perRow)
        expect(full(g), `${n} in rows of ${perRow}`).toBe(true)
        expect(rowsOf(g).every(r => r.length <= perRow)).toBe(true)
      }
    }
  })

  it('spans a chart alone on its row across the row, two as halves', () => {
    expect(packedRows([2], 6).spans).toEqual([6])
    expect(packedRows([2, 2], 6).spans).toEqual([3, 3])
    expect(packedRows([3, 3, 2, 2, 2, 6], 6).spans).toEqual([3, 3, 2, 2, 2, 6])
    expect(packedRows([3, 2, 6], 6).spans).toEqual([4, 2, 6])
  })

  it('fills every row for any KPI count and any set of charts, at every width', () => {
    for (let kpis = 0; kpis <= 8; kpis++) {
      for (const charts of chartSets) {
        const grid = homeGrid(kpis, charts.map(c => c.span))
        for (const w of HOME_WIDTHS) {
          expect(full(grid.kpis[w]), `${kpis} KPIs at ${w}`).toBe(true)
          expect(full(grid.charts[w]), `${charts.map(c => c.key)} at ${w}`).toBe(true)
        }
      }
    }
  })

  it('gives support (3 KPIs, ticket volume and the heatmap) full rows', () => {
    const support = HOME_CHART_LAYOUT.filter(c => c.key === 'ticketVolume' || c.key === 'heatmap')
    const grid = homeGrid(3, support.map(c => c.span))
    expect(rowsOf(grid.kpis.desktop)).toEqual([[1, 1, 1]])
    expect(rowsOf(grid.kpis.phone)).toEqual([[1, 1], [2]])
    expect(grid.charts.desktop.spans).toEqual([6, 6])
  })

  it('keeps thirds on a desktop, halves on a tablet and one chart a row on a phone', () => {
    const grid = homeGrid(8, HOME_CHART_LAYOUT.map(c => c.span))
    expect(grid.charts.desktop.spans).toEqual([3, 3, 2, 2, 2, 6])
    expect(grid.charts.tablet.spans).toEqual([3, 3, 3, 3, 6, 6])
    expect(grid.charts.phone.spans).toEqual([6, 6, 6, 6, 6, 6])
  })

  it('turns a grid into CSS variables for the container and each item', () => {
    const { grid, items } = gridStyles(homeGrid(5, []).kpis)
    expect(grid).toEqual({ '--cols-phone': 'repeat(2, minmax(0, 1fr))', '--cols-tablet': 'repeat(6, minmax(0, 1fr))', '--cols-desktop': 'repeat(6, minmax(0, 1fr))' })
    expect(items[0]).toEqual({ '--span-phone': '1', '--span-tablet': '2', '--span-desktop': '2' })
    expect(items[4]).toEqual({ '--span-phone': '2', '--span-tablet': '3', '--span-desktop': '3' })
  })
})
