import { createServer } from 'node:http'
import type { Server } from 'node:http'
import dns2 from 'dns2'

const { Packet } = dns2
const NXDOMAIN = 3
type Answer = InstanceType<typeof Packet>['answers'][number]

/**
 * A real DNS server on 127.0.0.1 (UDP, dns2) answering TXT questions from an in-memory zone,
 * plus a small HTTP control endpoint through which tests (in other processes) set and remove
 * records: `PUT /txt/<name>` with a JSON array of strings, `DELETE /txt/<name>`. Every name
 * not in the zone is NXDOMAIN. Started by global-setup; the app servers resolve through it.
 */
export async function startFakeDns() {
  const zone = new Map<string, string[]>()
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request)
      const [question] = request.questions
      const name = String(question?.name ?? '').toLowerCase().replace(/\.$/, '')
      const records = zone.get(name)
      if (!records) response.header.rcode = NXDOMAIN
      else if (question?.type === Packet.TYPE.TXT) {
        for (const data of records) response.answers.push({ name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as unknown as Answer)
      }
      void send(response)
    },
  })
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } })
  const port = (addresses.udp as { port: number }).port

  const control: Server = createServer((req, res) => {
    const match = /^\/txt\/([^/]+)$/.exec(req.url ?? '')
    if (!match) return void res.writeHead(404).end()
    const name = decodeURIComponent(match[1]!).toLowerCase()
    if (req.method === 'DELETE') {
      zone.delete(name)
      return void res.writeHead(204).end()
    }
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      zone.set(name, JSON.parse(body) as string[])
      res.writeHead(204).end()
    })
  })
  await new Promise<void>(resolve => control.listen(0, '127.0.0.1', () => resolve()))
  const controlUrl = `http://127.0.0.1:${(control.address() as { port: number }).port}`

  return {
    port,
    controlUrl,
    close: async () => {
      await server.close()
      await new Promise(resolve => control.close(resolve))
    },
  }
}
