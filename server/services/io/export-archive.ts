import { stringify } from 'csv-stringify/sync'
import { getTableColumns, is } from 'drizzle-orm'
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { Zip, ZipDeflate, strToU8 } from 'fflate'
import * as schema from '#drizzle/schema'

// The pure half of a data export: which tables and columns go in, how rows become JSON and CSV,
// and a ZIP writer that hands its output on in parts. No database, no storage (unit-testable).

/** Tables that carry a tenant_id only to point at a tenant: the platform's records, not the tenant's data. */
const PLATFORM_RECORDS = new Set(['platform_audit_log'])

/**
 * Columns that never leave the database: password and code hashes, token hashes, encrypted
 * secrets (TOTP, SSO client secret), tokens. Matched by name so a new secret column named in the
 * house style (`*_hash`, `*_enc`, `*token*`, `*secret*`, `*password*`) is excluded without a change here.
 */
export const SECRET_COLUMN = /(_hash|_enc)$|(^|_)(password|secret|token)(_|$)/

/** One table of the archive: its rows are read in primary-key order, secret columns left out. */
export interface ExportTable {
  name: string
  table: PgTable & { tenantId: PgColumn }
  /** Selected columns, keyed by their SQL name (the name used in the files). */
  columns: Record<string, PgColumn>
  excluded: string[]
  orderBy: PgColumn[]
}

/** Every table in the schema with a tenant_id column (tenant tables, plus the tenant's domains). */
export function exportTables(): ExportTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable))
  return tables.flatMap((table) => {
    const config = getTableConfig(table)
    const all = Object.values(getTableColumns(table)) as PgColumn[]
    if (!all.some(c => c.name === 'tenant_id') || PLATFORM_RECORDS.has(config.name)) return []
    const kept = all.filter(c => !SECRET_COLUMN.test(c.name))
    const primary = config.primaryKeys[0]?.columns ?? all.filter(c => c.primary)
    return [{
      name: config.name,
      table: table as ExportTable['table'],
      columns: Object.fromEntries(kept.map(c => [c.name, c])),
      excluded: all.filter(c => SECRET_COLUMN.test(c.name)).map(c => c.name),
      orderBy: primary.length ? primary : kept,
    }]
  }).sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Rows as CSV lines (with the header line when asked). Dates as ISO 8601, arrays and objects as
 * JSON; a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first)
 * gets a leading `'`. Numbers stay numbers.
 */
export function csvLines(rows: Record<string, unknown>[], columns: string[], header: boolean): string {
  if (!rows.length) return header ? `${columns.join(',')}\n` : ''
  return stringify(rows, {
    header,
    columns,
    escape_formulas: true,
    cast: {
      date: d => d.toISOString(),
      object: v => JSON.stringify(v),
      boolean: b => String(b),
      bigint: n => String(n),
    },
  })
}

/** Rows as the body of a JSON array, continuing after `first` rows already written. */
export function jsonRows(rows: Record<string, unknown>[], first: boolean): string {
  return rows.map((row, i) => `${first && i === 0 ? '\n  ' : ',\n  '}${JSON.stringify(row)}`).join('')
}

/** Size of each stored part of an archive: memory holds at most about this much of the output. */
export const ARCHIVE_PART_BYTES = 8 * 1024 * 1024

/**
 * A ZIP archive written file by file, text pushed in pieces; the compressed output is handed to
 * `store` in parts of about `partBytes`, so neither the rows nor the archive is held whole.
 */
export class ArchiveWriter {
  private readonly zip: Zip
  private chunks: Uint8Array[] = []
  private buffered = 0
  private failure: Error | null = null
  private part = 0
  /** Bytes of the archive so far. */
  size = 0

  constructor(private readonly store: (part: number, data: Uint8Array) => Promise<void>, private readonly partBytes = ARCHIVE_PART_BYTES) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error
      else if (data.length) {
        this.chunks.push(data)
        this.buffered += data.length
        this.size += data.length
      }
    })
  }

  /** Starts a file; push its text in order, then `end()` it before starting the next. */
  file(name: string) {
    const entry = new ZipDeflate(name, { level: 6 })
    entry.mtime = new Date()
    this.zip.add(entry)
    return {
      push: async (text: string) => {
        if (text) entry.push(strToU8(text), false)
        await this.flush(false)
      },
      end: async (text = '') => {
        entry.push(strToU8(text), true)
        await this.flush(false)
      },
    }
  }

  /** Ends the archive and stores what is left; returns the number of parts. */
  async finish(): Promise<number> {
    this.zip.end()
    await this.flush(true)
    return this.part
  }

  private async flush(final: boolean) {
    if (this.failure) throw this.failure
    if (!this.buffered || (!final && this.buffered < this.partBytes)) return
    const data = new Uint8Array(this.buffered)
    let offset = 0
    for (const chunk of this.chunks) {
      data.set(chunk, offset)
      offset += chunk.length
    }
    this.chunks = []
    this.buffered = 0
    await this.store(this.part++, data)
  }
}
