import { importOptionsSchema } from '#shared/schemas/io'
import { recordTypeParamsSchema } from '#shared/schemas/records'
import { readCsv } from '#server/services/io/csv-file'
import { importRecords } from '#server/services/io/import-records'
import { requireRecordAccess } from '#server/utils/record-access'

// Imports a CSV file with a column mapping: every row checked (a per-row report), then — unless
// a dry run, and only if no row is invalid — all rows inserted in one transaction, or none.
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'write')
  const upload = await readImportUpload(event)
  let raw: unknown
  try {
    raw = JSON.parse(upload.options ?? '')
  }
  catch {
    throw apiError(400, 'BAD_REQUEST', 'The import options ({ mapping, dryRun }) are missing or not valid JSON')
  }
  const parsed = importOptionsSchema.safeParse(raw)
  if (!parsed.success) throw validationError(parsed.error, 'body')
  const file = readCsv(upload.bytes)
  return withTenant(event, scope => importRecords(scope, recordActor(event), type, file, parsed.data))
})
