import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import PDFDocument from 'pdfkit'
import { currencyDigits } from '#shared/money'
import type { ReportResultColumn, ReportResultRow } from '#shared/reports'
import type { ReportFile } from './files'

/**
 * A report as a PDF, written page by page to any stream (pdfkit flushes each page as it ends):
 * the workspace's name on a band of its brand colour, the report's title, when it ran and in which
 * zone, its filters; for a grouped report a bar chart of its first aggregate drawn as vector
 * shapes; then the table, its header repeated on every page, subtotals and the total in bold, and
 * "Page N of M" in the footer (the row count is known before the first page, and rows have one
 * height, so M is too).
 *
 * Text is set in DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew), embedded as a subset.
 * fontkit shapes each word (Arabic letters join); a cell whose text starts right-to-left is laid
 * out word by word from the right edge, keeping runs of left-to-right words (numbers, Latin names)
 * in their own order — the simple cases of the Unicode bidirectional algorithm.
 */

const require = createRequire(import.meta.url)
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

export interface PdfBrand {
  workspace: string
  primary: string
  locale: string
}

const MARGIN = 36
const ROW = 16
const HEADER_ROW = 20
const FOOTER = 24
const TEXT = 8
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/
const STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/

/** True when the first letter of a text is of a right-to-left script. */
export function startsRightToLeft(text: string): boolean {
  const first = STRONG.exec(text)
  return !!first && RTL.test(first[0])
}

/** The height of the band, title, filters and chart above the first page's table. */
function introHeight(file: ReportFile, chart: boolean): number {
  return 44 + 26 + 14 + file.filterSummary.length * 12 + (chart ? 170 : 0) + 10
}

/** How many table rows fit a page: the first page holds fewer (the intro is above its table). */
export function pageCount(rows: number, pageHeight: number, intro: number): number {
  const body = pageHeight - MARGIN * 2 - FOOTER - HEADER_ROW
  const first = Math.max(1, Math.floor((body - intro) / ROW))
  const rest = Math.max(1, Math.floor(body / ROW))
  return rows <= first ? 1 : 1 + Math.ceil((rows - first) / rest)
}

function formatter(column: ReportResultColumn, locale: string): (v: string | number | boolean | null) => string {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const money = column.type === 'money'
    ? new Intl.NumberFormat(locale, { style: 'currency', currency: column.currency ?? 'USD', minimumFractionDigits: currencyDigits(column.currency ?? 'USD') })
    : null
  return (v) => {
    if (v === null) return '—'
    if (typeof v === 'number') {
      if (money) return money.format(v)
      if (column.type === 'percent') return `${numbers.format(Math.round(v * 10) / 10)} %`
      return numbers.format(v)
    }
    if (column.type === 'datetime' && typeof v === 'string') return v.replace('T', ' ').slice(0, 16)
    if (typeof v === 'boolean') return v ? 'Yes' : 'No'
    return String(v)
  }
}

/** The text cut to `width` with an ellipsis (measured, not wrapped: pdfkit's own wrapping costs ten times more per cell). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): { text: string, width: number } {
  const full = doc.widthOfString(text)
  if (full <= width) return { text, width: full }
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid
    else hi = mid - 1
  }
  const cut = `${text.slice(0, lo).trimEnd()}…`
  return { text: cut, width: doc.widthOfString(cut) }
}

/** Writes `text` in the box, on one line: truncated with an ellipsis, right-to-left text from the right. */
function cell(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, align: 'left' | 'right') {
  if (!startsRightToLeft(text)) {
    const shown = fit(doc, text, width)
    doc.text(shown.text, align === 'right' ? x + width - shown.width : x, y, { lineBreak: false })
    return
  }
  // Runs of words: a right-to-left word stands alone; left-to-right words next to each other stay together.
  const runs: string[] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = runs.at(-1)
    if (last !== undefined && !startsRightToLeft(word) && !startsRightToLeft(last)) runs[runs.length - 1] = `${last} ${word}`
    else runs.push(word)
  }
  const space = doc.widthOfString(' ')
  let right = x + width
  for (const run of runs) {
    const w = doc.widthOfString(run)
    if (right - w < x) break
    doc.text(run, right - w, y, { lineBreak: false })
    right -= w + space
  }
}

/** A grouped report's bar chart of its first numeric aggregate by first-level group, as vector shapes. */
function chart(doc: PDFKit.PDFDocument, file: ReportFile, groups: ReportResultRow[], y: number, brand: PdfBrand, groupColumns: number) {
  const at = file.columns.findIndex((c, i) => i >= groupColumns && ['number', 'money', 'percent'].includes(c.type))
  if (at < 0) return
  const bars = groups.slice(0, 24).map(r => ({ label: r.cells[0] === null ? 'None' : String(r.cells[0]), value: typeof r.cells[at] === 'number' ? r.cells[at] as number : 0 }))
  const width = doc.page.width - MARGIN * 2
  const height = 130
  const max = Math.max(1, ...bars.map(b => b.value))
  const slot = width / Math.max(1, bars.length)
  const fmt = formatter(file.columns[at]!, brand.locale)
  doc.font('regular').fontSize(TEXT).fillColor('#52525b').text(`${file.columns[at]!.label} by ${file.columns[0]!.label.toLowerCase()}`, MARGIN, y)
  const base = y + 16 + height
  doc.moveTo(MARGIN, base).lineTo(MARGIN + width, base).lineWidth(0.5).strokeColor('#a1a1aa').stroke()
  bars.forEach((b, i) => {
    const h = Math.max(0, (b.value / max) * height)
    const x = MARGIN + i * slot + slot * 0.2
    doc.rect(x, base - h, slot * 0.6, h).fill(brand.primary)
    doc.fillColor('#3f3f46').fontSize(6)
    cell(doc, fmt(b.value), MARGIN + i * slot, base - h - 9, slot, 'left')
    cell(doc, b.label, MARGIN + i * slot + 1, base + 3, slot - 2, 'left')
  })
}

/**
 * Writes the report as a PDF to `out`. `rows` is the number of rows the pages will yield (for the
 * page count); `groups` are a grouped report's first-level rows for its chart (none: no chart).
 */
export async function writeReportPdf(out: Writable, file: ReportFile, brand: PdfBrand, rows: number, chartRows: ReportResultRow[] | null, groupColumns: number): Promise<number> {
  const landscape = file.columns.length > 6
  const doc = new PDFDocument({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: MARGIN, font: FONT, autoFirstPage: false, info: { Title: file.title, Creator: brand.workspace } })
  doc.pipe(out)
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('close', resolve)
    out.on('error', reject)
  })
  doc.registerFont('regular', FONT)
  doc.registerFont('bold', FONT_BOLD)
  doc.addPage()
  const pageWidth = doc.page.width
  const pageHeight = doc.page.height
  const hasChart = !!chartRows?.length
  const total = pageCount(rows, pageHeight, introHeight(file, hasChart))
  const width = pageWidth - MARGIN * 2
  const formats = file.columns.map(c => formatter(c, brand.locale))
  const numeric = file.columns.map(c => ['number', 'money', 'percent'].includes(c.type))
  // Column widths: numbers narrow, text shares the rest.
  const weights = file.columns.map((c, i) => numeric[i] ? 1 : c.type === 'date' ? 1.2 : c.type === 'datetime' ? 1.6 : 2)
  const sum = weights.reduce((a, b) => a + b, 0)
  const widths = weights.map(w => (w / sum) * width)
  let page = 1
  let y = MARGIN
  // pdfkit loads a registered font again on every font() call: switch only when the face changes.
  let face = ''
  const use = (next: 'regular' | 'bold', size: number) => {
    if (next !== face) doc.font(next)
    face = next
    doc.fontSize(size)
  }

  const footer = () => {
    use('regular', 7)
    doc.fillColor('#71717a')
    doc.text(`${brand.workspace} · ${file.title}`, MARGIN, pageHeight - MARGIN - 10, { width: width / 2, lineBreak: false, ellipsis: true, height: 12 })
    doc.text(`Page ${page} of ${total}`, MARGIN + width / 2, pageHeight - MARGIN - 10, { width: width / 2, align: 'right', lineBreak: false, height: 12 })
  }
  const header = () => {
    doc.rect(MARGIN, y, width, HEADER_ROW).fill('#f4f4f5')
    use('bold', TEXT)
    doc.fillColor('#18181b')
    let x = MARGIN
    file.columns.forEach((c, i) => {
      cell(doc, c.label, x + 4, y + 6, widths[i]! - 8, numeric[i] ? 'right' : 'left')
      x += widths[i]!
    })
    y += HEADER_ROW
  }

  // The intro: brand band, title, when it ran, filters, chart.
  doc.rect(MARGIN, y, width, 30).fill(brand.primary)
  use('bold', 11)
  doc.fillColor('#ffffff')
  cell(doc, brand.workspace, MARGIN + 10, y + 9, width - 20, 'left')
  y += 44
  use('bold', 16)
  doc.fillColor('#18181b')
  cell(doc, file.title, MARGIN, y, width, 'left')
  y += 26
  use('regular', TEXT)
  doc.fillColor('#52525b').text(`Ran ${file.ranAt.replace('T', ' ').slice(0, 16)} UTC · times in ${file.timeZone} · ${rows.toLocaleString('en')} rows`, MARGIN, y, { lineBreak: false })
  y += 14
  for (const f of file.filterSummary) {
    doc.text(`Filter: ${f}`, MARGIN, y, { width, lineBreak: false, ellipsis: true, height: 12 })
    y += 12
  }
  if (hasChart) {
    chart(doc, file, chartRows!, y + 6, brand, groupColumns)
    face = ''
    y += 170
  }
  y += 10
  header()

  let count = 0
  for await (const pageRows of file.pages) {
    for (const row of pageRows) {
      if (y + ROW > pageHeight - MARGIN - FOOTER) {
        footer()
        doc.addPage()
        page++
        y = MARGIN
        header()
      }
      if (row.level) doc.rect(MARGIN, y, width, ROW).fill('#fafafa')
      use(row.level ? 'bold' : 'regular', TEXT)
      doc.fillColor('#27272a')
      let x = MARGIN
      row.cells.forEach((v, i) => {
        const text = row.level === 2 && i === 0 ? 'Total' : row.level === 1 && i === 1 && groupColumns > 1 ? 'Subtotal' : formats[i]!(v)
        cell(doc, text, x + 4, y + 4, widths[i]! - 8, numeric[i] ? 'right' : 'left')
        x += widths[i]!
      })
      doc.moveTo(MARGIN, y + ROW).lineTo(MARGIN + width, y + ROW).lineWidth(0.25).strokeColor('#e4e4e7').stroke()
      y += ROW
      count++
    }
  }
  footer()
  doc.end()
  await done
  return count
}
