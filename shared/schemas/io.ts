import { z } from 'zod'

// Import and export of record lists: the formats, the import's options and its report.

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const
export type ExportFormat = typeof EXPORT_FORMATS[number]

/** An export holds at most this many rows; a larger view must be narrowed by its filters first. */
export const EXPORT_MAX_ROWS = 100_000
/** An import file holds at most this many bytes and data rows. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 100_000
/** A report lists at most this many rows with errors (the totals count them all). */
export const IMPORT_MAX_REPORTED = 200

export const exportFormatSchema = z.object({ format: z.enum(EXPORT_FORMATS, 'must be csv, xlsx or json') })

/** Where each header of the file goes: a catalogue field key, `custom.<key>`, or nowhere (null). */
export const importMappingSchema = z.record(
  z.string().max(200),
  z.string().regex(/^(custom\.)?[A-Za-z][A-Za-z0-9_]{0,59}$/, 'is not a field key').nullable(),
).refine(m => Object.keys(m).length <= 200, 'has too many columns')

export const importOptionsSchema = z.object({
  mapping: importMappingSchema,
  dryRun: z.boolean().default(false),
}).strict()
export type ImportOptions = z.infer<typeof importOptionsSchema>

/** A field a file's column can be mapped to. */
export interface ImportTarget { key: string, label: string, required: boolean }

export interface ImportPreview {
  headers: string[]
  delimiter: ',' | ';' | '\t'
  rowCount: number
  /** header → target key (null: not mapped). */
  mapping: Record<string, string | null>
  targets: ImportTarget[]
  /** The first rows, as the file has them. */
  sample: string[][]
}

export interface ImportRowReport { line: number, errors: { field: string, message: string }[] }

export interface ImportReport {
  total: number
  valid: number
  invalid: number
  /** Rows with errors (the first IMPORT_MAX_REPORTED), by line of the file (the header is line 1). */
  rows: ImportRowReport[]
  /** Rows written: 0 on a dry run or when any row is invalid. */
  imported: number
  dryRun: boolean
}
