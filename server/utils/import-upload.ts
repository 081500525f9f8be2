import type { H3Event } from 'h3'
import { getHeader, readMultipartFormData, readRawBody } from 'h3'
import { IMPORT_MAX_BYTES } from '#shared/schemas/io'

/** An uploaded import: the file's bytes and, for the import itself, its options as JSON text. */
export interface ImportUpload { bytes: Uint8Array, options: string | undefined }

const tooLarge = () => apiError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it and import each part`)

/**
 * Reads an import request: `multipart/form-data` with a `file` part (and an `options` part), as
 * the wizard sends it, or the CSV as the raw body with `?options=<json>` (scripts, curl).
 * 413 when the declared length is over the limit, before the body is read.
 */
export async function readImportUpload(event: H3Event): Promise<ImportUpload> {
  const length = Number(getHeader(event, 'content-length') ?? 0)
  // A multipart body carries a little more than the file: boundaries and the options part.
  if (length > IMPORT_MAX_BYTES + 64 * 1024) throw tooLarge()
  const type = getHeader(event, 'content-type') ?? ''
  if (type.startsWith('multipart/form-data')) {
    const parts = await readMultipartFormData(event) ?? []
    const file = parts.find(p => p.name === 'file')
    if (!file) throw apiError(400, 'BAD_REQUEST', 'Attach the CSV file as the "file" part')
    const options = parts.find(p => p.name === 'options')
    return { bytes: new Uint8Array(file.data), options: options ? options.data.toString('utf8') : undefined }
  }
  const raw = await readRawBody(event, false)
  if (!raw?.length) throw apiError(400, 'BAD_REQUEST', 'The request has no file: send the CSV as the body or as the "file" part of a form')
  const options = readQuery(event).options
  return { bytes: new Uint8Array(raw), options: typeof options === 'string' ? options : undefined }
}
