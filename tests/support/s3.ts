import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { AwsV4Signer } from 'aws4fetch'

// A small S3-compatible store on 127.0.0.1 standing in for a customer's bucket: it takes
// path-style PUTs (`/<bucket>/<key>`), checks each request's AWS Signature V4 against the keys it
// knows — the signature recomputed from the request as received, and the payload's SHA-256
// against its x-amz-content-sha256 — and answers as S3 does: 200 with an ETag, or an XML error
// (403 SignatureDoesNotMatch / InvalidAccessKeyId, 404 NoSuchBucket, 400 BadDigest).

export interface StoredObject { bucket: string, key: string, body: Buffer, contentType: string }

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`

export async function fakeS3(opts: { region: string, keys: Record<string, string>, buckets: string[] }) {
  const objects: StoredObject[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const answer = (status: number, text = '', headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/xml', ...headers }).end(text)
      try {
        const auth = String(req.headers.authorization ?? '')
        const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth)
        if (!m) return answer(403, xmlError('AccessDenied', 'The request is not signed'))
        const [, accessKeyId, , region] = m
        const secret = opts.keys[accessKeyId!]
        if (!secret) return answer(403, xmlError('InvalidAccessKeyId', 'The access key id does not exist in our records'))
        if (region !== opts.region) return answer(400, xmlError('AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${opts.region}'`))
        const sha = String(req.headers['x-amz-content-sha256'] ?? '')
        if (sha !== createHash('sha256').update(body).digest('hex')) return answer(400, xmlError('BadDigest', 'The payload does not match its x-amz-content-sha256'))
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value
        const signer = new AwsV4Signer({
          method: req.method ?? 'GET', url: `http://${req.headers.host}${req.url}`, headers, service: 's3', region: opts.region,
          accessKeyId: accessKeyId!, secretAccessKey: secret, datetime: String(req.headers['x-amz-date'] ?? ''),
        })
        if (await signer.authHeader() !== auth) return answer(403, xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided'))
        const [, bucket, ...rest] = decodeURI(req.url ?? '/').split('?')[0]!.split('/')
        if (!opts.buckets.includes(bucket!)) return answer(404, xmlError('NoSuchBucket', 'The specified bucket does not exist'))
        if (req.method !== 'PUT') return answer(405, xmlError('MethodNotAllowed', 'Only PUT here'))
        objects.push({ bucket: bucket!, key: rest.join('/'), body, contentType: String(req.headers['content-type'] ?? '') })
        answer(200, '', { etag: `"${createHash('md5').update(body).digest('hex')}"` })
      }
      catch (error) {
        answer(500, xmlError('InternalError', (error as Error).message))
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as { port: number }).port
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}
