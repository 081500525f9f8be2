import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import { stringify } from 'csv-stringify/sync'
import type { ExportFormat } from '#shared/schemas/io'
import { neutraliseCell } from './spreadsheet-cells'

/** A column of an exported table: `key` names it in JSON, `label` heads it in CSV and XLSX. */
export interface TableColumn { key: string, label: string }
/** Rows as cell values in column order: strings, numbers, booleans or null. */
export type TableRow = (string | number | boolean | null)[]
type Pages = Iterable<TableRow[]> | AsyncIterable<TableRow[]>

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full (a slow client slows the export, not memory). */
async function write(event: H3Event, chunk: string | Buffer): Promise<void> {
  const res = event.node.res
  if (!res.write(chunk)) await new Promise<void>(resolve => res.once('drain', resolve))
}

/**
 * Streams a table as a download (`filename` without extension) in CSV, XLSX or JSON, page by
 * page as `pages` yields them, so a 100,000-row export never sits in memory whole. CSV and XLSX
 * cells are neutralised against formula injection; JSON keeps values as they are. Answers the
 * number of rows written. Everything that may refuse the request must happen before this call:
 * once the first byte is out, the status is 200.
 */
export async function sendTable(event: H3Event, format: ExportFormat, filename: string, columns: TableColumn[], pages: Pages): Promise<number> {
  const res = event.node.res
  setResponseHeader(event, 'content-type', CONTENT_TYPES[format])
  setResponseHeader(event, 'content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}.${format}"`)
  setResponseHeader(event, 'cache-control', 'no-store')
  res.statusCode = 200
  let count = 0
  if (format === 'xlsx') {
    // Loaded on the first XLSX export rather than at start: a large library most instances rarely use.
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false })
    const sheet = workbook.addWorksheet('Export')
    sheet.addRow(columns.map(c => c.label)).commit()
    for await (const page of pages) {
      for (const row of page) sheet.addRow(row.map(v => neutraliseCell(v))).commit()
      count += page.length
    }
    sheet.commit()
    await workbook.commit()
    return count
  }
  if (format === 'csv') {
    // A BOM, so Excel opens the file as UTF-8.
    await write(event, `\uFEFF${stringify([columns.map(c => neutraliseCell(c.label))])}`)
    for await (const page of pages) {
      if (page.length) await write(event, stringify(page.map(row => row.map(v => neutraliseCell(v)))))
      count += page.length
    }
  }
  else {
    await write(event, '[')
    for await (const page of pages) {
      const objects = page.map(row => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.key, row[i] ?? null]))))
      if (objects.length) await write(event, `${count ? ',' : ''}\n${objects.join(',\n')}`)
      count += page.length
    }
    await write(event, '\n]\n')
  }
  res.end()
  return count
}

/**
 * Streams text made page by page (a CSV its service writes in its own columns) as a download,
 * with the same back-pressure as `sendTable`. `filename` includes its extension.
 */
export async function sendTextPages(event: H3Event, filename: string, contentType: string, chunks: AsyncIterable<string>): Promise<void> {
  setResponseHeader(event, 'content-type', contentType)
  setResponseHeader(event, 'content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
  setResponseHeader(event, 'cache-control', 'no-store')
  event.node.res.statusCode = 200
  for await (const chunk of chunks) if (chunk) await write(event, chunk)
  event.node.res.end()
}
