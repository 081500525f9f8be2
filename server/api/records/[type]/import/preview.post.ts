import { recordTypeParamsSchema } from '#shared/schemas/records'
import { readCsv } from '#server/services/io/csv-file'
import { previewImport } from '#server/services/io/import-records'
import { requireRecordAccess } from '#server/utils/record-access'

// A CSV file's headers, a suggested column mapping and a sample, before anything is imported.
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'write')
  const file = readCsv((await readImportUpload(event)).bytes)
  return withTenant(event, scope => previewImport(scope, type, file))
})
