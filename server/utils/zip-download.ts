import type { H3Event } from 'h3'

/** An export archive opened for download: its file name, byte size and content. */
export interface ZipArchive { filename: string, size: number, stream: ReadableStream<Uint8Array> }

/** Streams a ZIP archive as a private attachment that is never cached nor sniffed. */
export function sendZipDownload(event: H3Event, archive: ZipArchive) {
  setResponseHeaders(event, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${archive.filename}"`,
    'Content-Length': String(archive.size),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  return sendStream(event, archive.stream)
}
