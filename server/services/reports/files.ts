import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { ExportFormat } from '#shared/schemas/io'
import type { ReportFormat } from '#shared/schemas/reports'
import type { ReportResultColumn, ReportResultRow } from '#shared/reports'
import { REPORT_MAX_ROWS } from '#shared/reports'
import { neutraliseCell } from '#server/utils/spreadsheet-cells'

/**
 * A report's rows as a file, written to any stream as the rows arrive (a download's response
 * today, a delivery's file later), so a 100,000-row report never sits in memory whole. CSV and
 * XLSX cells are neutralised against formula injection; XLSX cells are typed (numbers, money and
 * percentages with their formats, dates as dates), the header row is frozen, and subtotals and
 * the total are bold. A second sheet, "About", says what the report is, its filters and when it ran.
 */

export interface ReportFile {
  title: string
  filterSummary: string[]
  ranAt: string
  timeZone: string
  columns: ReportResultColumn[]
  pages: Iterable<ReportResultRow[]> | AsyncIterable<ReportResultRow[]>
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
}

/** A report file's name: its title with anything but letters, digits, dots and dashes as `_`. */
export const reportFileName = (title: string, format: string) => `${title.replace(/[^\w.-]/g, '_')}.${format}`

/** The most rows a report file may hold: REPORT_MAX_ROWS, or less by configuration (NUXT_REPORT_MAX_ROWS). */
export function reportRowLimit(): number {
  return Math.min(REPORT_MAX_ROWS, Number(useRuntimeConfig().reportMaxRows) || REPORT_MAX_ROWS)
}

/** Writes a chunk, waiting for the stream to drain when its buffer is full (a slow reader slows the file, not memory). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>(resolve => out.once('drain', resolve))
}

function numFmt(column: ReportResultColumn): string | undefined {
  switch (column.type) {
    case 'money': return '#,##0.00'
    case 'percent': return '0.0"%"'
    case 'number': return '#,##0.##'
    case 'date': return 'yyyy-mm-dd'
    case 'datetime': return 'yyyy-mm-dd hh:mm'
    default: return undefined
  }
}

/** An XLSX cell of the column's type: dates and times as dates (UTC, as the file says), the rest as they are. */
function xlsxCell(column: ReportResultColumn, value: string | number | boolean | null): unknown {
  if (value === null) return null
  if ((column.type === 'date' || column.type === 'datetime') && typeof value === 'string') {
    const at = new Date(column.type === 'date' ? `${value}T00:00:00Z` : value)
    return Number.isNaN(at.getTime()) ? value : at
  }
  return neutraliseCell(value)
}

/** Writes the report in `format` to `out` and ends it; answers the number of rows written. */
export async function writeReportFile(format: ExportFormat, out: Writable, file: ReportFile): Promise<number> {
  let count = 0
  if (format === 'xlsx') {
    // Loaded on the first XLSX file rather than at start: a large library most instances rarely use.
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet(file.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Report', { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = file.columns.map(c => ({ header: c.label, key: c.key, width: Math.min(40, Math.max(12, c.label.length + 2)), style: numFmt(c) ? { numFmt: numFmt(c) } : {} }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
    for await (const page of file.pages) {
      for (const row of page) {
        const added = sheet.addRow(row.cells.map((v, i) => xlsxCell(file.columns[i]!, v)))
        if (row.level) added.font = { bold: true }
        added.commit()
      }
      count += page.length
    }
    sheet.commit()
    const about = workbook.addWorksheet('About')
    about.addRow(['Report', file.title]).commit()
    about.addRow(['Ran at', file.ranAt]).commit()
    about.addRow(['Time zone', file.timeZone]).commit()
    about.addRow(['Rows', count]).commit()
    for (const f of file.filterSummary) about.addRow(['Filter', neutraliseCell(f)]).commit()
    about.commit()
    await workbook.commit()
    return count
  }
  if (format === 'csv') {
    // A BOM, so Excel opens the file as UTF-8.
    await write(out, `\uFEFF${stringify([file.columns.map(c => neutraliseCell(c.label))])}`)
    for await (const page of file.pages) {
      if (page.length) await write(out, stringify(page.map(row => row.cells.map(v => neutraliseCell(v)))))
      count += page.length
    }
  }
  else {
    const head = { report: file.title, ranAt: file.ranAt, timeZone: file.timeZone, filters: file.filterSummary, columns: file.columns }
    await write(out, `${JSON.stringify(head).slice(0, -1)},"rows":[`)
    for await (const page of file.pages) {
      const objects = page.map(row => JSON.stringify({
        ...Object.fromEntries(file.columns.map((c, i) => [c.key, row.cells[i] ?? null])),
        ...(row.level ? { level: row.level === 2 ? 'total' : 'subtotal' } : {}),
      }))
      if (objects.length) await write(out, `${count ? ',' : ''}\n${objects.join(',\n')}`)
      count += page.length
    }
    await write(out, '\n]}\n')
  }
  out.end()
  return count
}
