import type { Driver, Storage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import s3Driver from 'unstorage/drivers/s3'
import vercelBlobDriver from 'unstorage/drivers/vercel-blob'

/** Uploaded files (brand assets, data exports): local disk by default, S3 or Vercel Blob by configuration. */
export const BLOB_STORAGE = 'atrium-blobs'

export const blobStorage = (): Storage => useStorage(BLOB_STORAGE)

export interface BlobConfig {
  blobDriver?: string
  blobDir?: string
  blobS3?: { endpoint?: string, region?: string, bucket?: string, accessKeyId?: string, secretAccessKey?: string }
}

/**
 * The driver `NUXT_BLOB_DRIVER` names: `fs` (folder `NUXT_BLOB_DIR`, default .data/blobs; one
 * machine, or a volume every instance mounts), `s3` (any S3-compatible store, `NUXT_BLOB_S3_*`)
 * or `vercel-blob` (`BLOB_READ_WRITE_TOKEN`, as Vercel sets it).
 */
export function blobDriver(config: BlobConfig): Driver {
  switch (config.blobDriver || 'fs') {
    case 'fs':
      return fsDriver({ base: config.blobDir || '.data/blobs' })
    case 's3': {
      const s3 = config.blobS3 ?? {}
      return s3Driver({ endpoint: s3.endpoint ?? '', region: s3.region || 'auto', bucket: s3.bucket ?? '', accessKeyId: s3.accessKeyId ?? '', secretAccessKey: s3.secretAccessKey ?? '' })
    }
    case 'vercel-blob':
      return vercelBlobDriver({ access: 'public', base: 'atrium' })
    default:
      throw new Error(`NUXT_BLOB_DRIVER must be fs, s3 or vercel-blob (got "${config.blobDriver}")`)
  }
}
