import { parse } from 'csv-parse/sync'
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '#shared/schemas/io'

export type Delimiter = ',' | ';' | '\t'

/** A CSV file read: its header and data rows (each row as many cells as the header). */
export interface CsvFile {
  headers: string[]
  rows: string[][]
  delimiter: Delimiter
}

const encodingError = () => apiError(400, 'BAD_REQUEST', 'The file is not UTF-8 text. Save the file as "CSV UTF-8" (Excel: File → Save As → CSV UTF-8) and try again')

/**
 * The file's text: UTF-8 with or without a byte-order mark, or UTF-16 with one (what Excel's
 * "Unicode text" writes), converted. Anything else (Latin-1, Windows-1252…) is refused rather
 * than imported with mangled accents.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.length > IMPORT_MAX_BYTES) throw apiError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it and import each part`)
  try {
    if (bytes[0] === 0xFF && bytes[1] === 0xFE) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2))
    if (bytes[0] === 0xFE && bytes[1] === 0xFF) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2))
    // TextDecoder drops a UTF-8 byte-order mark by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  }
  catch {
    throw encodingError()
  }
}

/** The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch in counts) counts[ch as Delimiter]++
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => counts[d] > counts[best] ? d : best, ',')
}

/**
 * Parses a CSV file's bytes. 400 for a file that is not UTF-8, has no header or does not parse
 * (with the line); 413 beyond IMPORT_MAX_ROWS data rows (parsing stops there).
 */
export function readCsv(bytes: Uint8Array): CsvFile {
  const text = decodeCsv(bytes)
  const delimiter = detectDelimiter(text)
  let records: string[][]
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, to: IMPORT_MAX_ROWS + 2 })
  }
  catch (error) {
    const line = (error as { lines?: number }).lines
    throw apiError(400, 'BAD_REQUEST', `The file is not valid CSV${line ? ` (line ${line})` : ''}: ${(error as Error).message.replace(/^Invalid.*?: /, '')}`)
  }
  if (records.length > IMPORT_MAX_ROWS + 1) {
    throw apiError(413, 'PAYLOAD_TOO_LARGE', `The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows; split it and import each part`)
  }
  const [header, ...rows] = records
  const headers = (header ?? []).map(h => h.trim())
  if (!headers.length || headers.every(h => !h)) throw apiError(400, 'BAD_REQUEST', 'The file is empty: the first line must name its columns')
  const seen = new Set<string>()
  for (const h of headers) {
    if (h && seen.has(h)) throw apiError(400, 'BAD_REQUEST', `The column "${h}" appears twice in the header`)
    seen.add(h)
  }
  return { headers, delimiter, rows: rows.map(r => headers.map((_, i) => r[i] ?? '')) }
}
