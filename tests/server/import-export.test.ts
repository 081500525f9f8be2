import { request } from 'node:http'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { multipart } from '../support/images'
import { newMember } from '../support/members'

// CSV import (mapping, per-row report, all or nothing, bad files) and list export (CSV, XLSX,
// JSON equal to the filtered list, formula injection, permissions, record scope, tenants), in
// monsters. prestige is only read, to show another tenant sees none of it.

const HOST = 'monsters.localhost'
const MAPPING = { Name: 'name', Industry: 'industry', Employees: 'employees' }

/** One request answered as bytes (XLSX is binary; the shared helper reads text). */
function download(port: number, path: string, cookie: string): Promise<{ status: number, headers: Record<string, unknown>, body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: HOST, cookie }, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const csvOf = (rows: (string | number)[][]) => rows.map(r => r.map(c => /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c)).join(',')).join('\n')

describe.each(serversPerDriver())('import and export on $name', ({ port }) => {
  const cookies: Record<string, string> = {}
  const tag = `io${port}x${Date.now().toString(36)}`
  const api = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => hit(port, HOST, path, { method, body, headers: { cookie: cookies[who]!, ...headers } })
  /** POSTs a CSV (Buffer or text) as the wizard does: a multipart form with the options part. */
  const upload = (who: string, path: string, file: string | Buffer, options?: unknown) => {
    const form = multipart('file', 'import.csv', 'text/csv', Buffer.isBuffer(file) ? file : Buffer.from(file))
    let body = form.body
    if (options !== undefined) {
      const boundary = form.contentType.split('boundary=')[1]!
      body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`), body])
    }
    return api(who, 'POST', path, body, { 'content-type': form.contentType })
  }
  const count = async (q = tag) => (await api('admin', 'GET', `/api/records/accounts?q=${encodeURIComponent(q)}&limit=1`)).json().total as number
  /** Every id of a list view, walking its pages as the list page does. */
  const listIds = async (query: string, who = 'admin') => {
    const ids: string[] = []
    let cursor = ''
    for (;;) {
      const page = (await api(who, 'GET', `/api/records/accounts?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()
      ids.push(...page.items.map((r: { id: string }) => r.id))
      if (!page.nextCursor) return ids
      cursor = page.nextCursor
    }
  }
  const bulkRows = (n: number, bad?: number) => [['Name', 'Industry', 'Employees'], ...Array.from({ length: n }, (_, i) => [`${tag} bulk ${String(i).padStart(4, '0')}`, 'Bulk', i === bad ? 'lots' : i % 7])]

  beforeAll(async () => {
    for (const role of ['admin', 'manager', 'member', 'viewer']) cookies[role] = await signIn(port, HOST, `${role}@monsters.test`)
  })

  it('preview: headers, delimiter, a suggested mapping by label or key, a sample', async () => {
    const res = await upload('admin', '/api/records/accounts/import/preview', `name;INDUSTRY;Head count;Owner\nAcme;Retail;4;admin@monsters.test\n`)
    expect(res.status, res.body).toBe(200)
    const preview = res.json()
    expect(preview).toMatchObject({ headers: ['name', 'INDUSTRY', 'Head count', 'Owner'], delimiter: ';', rowCount: 1, sample: [['Acme', 'Retail', '4', 'admin@monsters.test']] })
    expect(preview.mapping).toEqual({ 'name': 'name', 'INDUSTRY': 'industry', 'Head count': null, 'Owner': 'ownerId' })
    expect(preview.targets.find((t: { key: string }) => t.key === 'name').required).toBe(true)
    // UTF-16 with its byte-order mark (Excel's "Unicode text") is converted.
    const utf16 = Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from('Name\tCity\nZoë\tMünchen\n', 'utf16le')])
    const converted = await upload('admin', '/api/records/accounts/import/preview', utf16)
    expect(converted.json()).toMatchObject({ headers: ['Name', 'City'], delimiter: '\t', sample: [['Zoë', 'München']] })
  })

  it('one bad row among 1,000 leaves nothing written; the dry run writes nothing; the fixed file imports all', async () => {
    expect(await count()).toBe(0)
    const bad = await upload('admin', '/api/records/accounts/import', csvOf(bulkRows(1000, 500)), { mapping: MAPPING, dryRun: false })
    expect(bad.status, bad.body).toBe(200)
    expect(bad.json()).toMatchObject({ total: 1000, valid: 999, invalid: 1, imported: 0, rows: [{ line: 502, errors: [{ field: 'employees' }] }] })
    expect(await count()).toBe(0)

    const dry = await upload('admin', '/api/records/accounts/import', csvOf(bulkRows(1000)), { mapping: MAPPING, dryRun: true })
    expect(dry.json()).toMatchObject({ total: 1000, valid: 1000, invalid: 0, imported: 0, rows: [], dryRun: true })
    expect(await count()).toBe(0)

    const done = await upload('admin', '/api/records/accounts/import', csvOf(bulkRows(1000)), { mapping: MAPPING, dryRun: false })
    expect(done.json()).toMatchObject({ total: 1000, valid: 1000, invalid: 0, imported: 1000 })
    expect(await count()).toBe(1000)
    const audit = (await api('admin', 'GET', `/api/audit?requestId=${done.headers['x-request-id']}`)).json().items
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'accounts.imported', after: { count: 1000 } })
  })

  it('a bad website, email or phone is a row error naming its field, not a failed import', async () => {
    const file = csvOf([
      ['Name', 'Website', 'Phone'],
      [`${tag} web good`, 'https://www.good.example/en', '+1 212 555 0100'],
      [`${tag} web bad`, 'not a url!!', 'call me'],
    ])
    const res = await upload('admin', '/api/records/accounts/import', file, { mapping: { Name: 'name', Website: 'domain', Phone: 'phone' }, dryRun: true })
    expect(res.status, res.body).toBe(200)
    expect(res.json()).toMatchObject({ total: 2, valid: 1, invalid: 1, rows: [{ line: 3 }] })
    expect(res.json().rows[0].errors.map((e: { field: string }) => e.field).sort()).toEqual(['domain', 'phone'])
  })

  it('owners by email or name, enums by label, money as decimals; unknown ones are row errors', async () => {
    const file = csvOf([
      ['Deal', 'Amount', 'Source', 'Owner', 'Account'],
      [`${tag} deal one`, '1,250.50', 'Referral', 'manager@monsters.test', `${tag} bulk 0001`],
      [`${tag} deal two`, 'lots', 'Carrier pigeon', 'nobody@monsters.test', 'No such account'],
    ])
    const mapping = { Deal: 'name', Amount: 'amountMinor', Source: 'source', Owner: 'ownerId', Account: 'accountId' }
    const report = (await upload('admin', '/api/records/deals/import', file, { mapping, dryRun: true })).json()
    expect(report).toMatchObject({ total: 2, valid: 1, invalid: 1 })
    expect(report.rows[0].line).toBe(3)
    expect(report.rows[0].errors.map((e: { field: string }) => e.field).sort()).toEqual(['accountId', 'amountMinor', 'ownerId', 'source'])

    const ok = await upload('admin', '/api/records/deals/import', file.split('\n').slice(0, 2).join('\n'), { mapping, dryRun: false })
    expect(ok.json().imported).toBe(1)
    const deal = (await api('admin', 'GET', `/api/records/deals?q=${encodeURIComponent(`${tag} deal one`)}`)).json().items[0]
    expect(deal).toMatchObject({ amountMinor: 125050, source: 'referral', owner: { name: expect.any(String) }, refs: { accountId: { title: `${tag} bulk 0001` } } })
  })

  it('bad files and mappings are refused before any row is written, with a clear message', async () => {
    const missing = await upload('admin', '/api/records/accounts/import', `Industry\nRetail\n`, { mapping: { Industry: 'industry' }, dryRun: true })
    expect(missing.status).toBe(400)
    expect(missing.json().message).toContain('Missing required columns: Name (name)')

    const latin1 = await upload('admin', '/api/records/accounts/import/preview', Buffer.from('Name\nCafé Müller\n', 'latin1'))
    expect(latin1.status).toBe(400)
    expect(latin1.json().message).toMatch(/CSV UTF-8/)

    const huge = await upload('admin', '/api/records/accounts/import', `Name\n${'x\n'.repeat(100_001)}`, { mapping: { Name: 'name' }, dryRun: true })
    expect(huge.status).toBe(413)
    expect(huge.json().message).toMatch(/more than 100,000 rows/)

    expect((await upload('admin', '/api/records/accounts/import', 'Name\nA\n', { mapping: { Nope: 'name' } })).status).toBe(400)
    expect((await upload('admin', '/api/records/accounts/import', 'Name\nA\n', { mapping: { Name: 'tenantId' } })).status).toBe(400)
    expect((await upload('admin', '/api/records/accounts/import', 'Name\nA\n')).status).toBe(400) // no options
    expect((await upload('viewer', '/api/records/accounts/import', 'Name\nA\n', { mapping: { Name: 'name' } })).status).toBe(403)
    expect(await count()).toBe(1000)
  })

  it('exports match the filtered list exactly (ids and order) in CSV, XLSX and JSON, with formulas neutralised', async () => {
    // 200 more, some looking like formulas, so the view crosses an export page (1,000 rows).
    const formulas = [['Name', 'Industry', 'Employees'], ...Array.from({ length: 200 }, (_, i) => [i % 2 ? `=HYPERLINK("x") ${tag} f${i}` : `${tag} f${i}`, i % 2 ? '@evil' : 'Formula', i])]
    const imported = await upload('admin', '/api/records/accounts/import', csvOf(formulas), { mapping: MAPPING })
    expect(imported.json(), imported.body).toMatchObject({ invalid: 0, imported: 200 })

    for (const query of [`q=${tag}&sort=employees&dir=desc`, `q=${tag}&industry=Formula&sort=name`]) {
      const expected = await listIds(query)
      expect(expected.length).toBeGreaterThan(50)
      const csv = await download(port, `/api/records/accounts/export?format=csv&${query}`, cookies.manager!)
      expect(csv.status).toBe(200)
      expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/)
      const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[]
      expect(rows.map(r => r.ID)).toEqual(expected)
      expect(Object.keys(rows[0]!)).toEqual(['ID', 'Name', 'Website', 'Industry', 'Country', 'Owner', 'Updated'])

      const json = await download(port, `/api/records/accounts/export?format=json&${query}`, cookies.manager!)
      expect((JSON.parse(json.body.toString('utf8')) as { id: string }[]).map(r => r.id)).toEqual(expected)

      const xlsx = await download(port, `/api/records/accounts/export?format=xlsx&${query}`, cookies.manager!)
      expect(xlsx.status).toBe(200)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]!
      const ids: string[] = []
      sheet.eachRow((row, n) => {
        if (n > 1) ids.push(String(row.getCell(1).value))
      })
      expect(ids).toEqual(expected)
    }

    const q = `q=${encodeURIComponent('HYPERLINK')}&columns=name,employees,industry`
    const csv = parse((await download(port, `/api/records/accounts/export?format=csv&${q}`, cookies.admin!)).body, { bom: true, columns: true }) as Record<string, string>[]
    const evil = csv.find(r => r.Name!.includes(`${tag} f1`))!
    expect(evil.Name).toBe(`'=HYPERLINK("x") ${tag} f1`)
    expect(evil.Industry).toBe(`'@evil`)
    expect(evil.Employees).toBe('1')
    const json = JSON.parse((await download(port, `/api/records/accounts/export?format=json&${q}`, cookies.admin!)).body.toString('utf8')) as Record<string, unknown>[]
    expect(json.find(r => r.name === `=HYPERLINK("x") ${tag} f1`)).toMatchObject({ industry: '@evil', employees: 1 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await download(port, `/api/records/accounts/export?format=xlsx&${q}`, cookies.admin!)).body as unknown as ArrayBuffer)
    const cells: unknown[][] = []
    book.worksheets[0]!.eachRow(row => cells.push((row.values as unknown[]).slice(1)))
    expect(cells[0]).toEqual(['ID', 'Name', 'Employees', 'Industry'])
    // A number stays a number cell; the formula-like texts are neutralised.
    expect(cells.find(c => c[1] === `'=HYPERLINK("x") ${tag} f1`)!.slice(2)).toEqual([1, `'@evil`])
  })

  it('a widget\'s data exports as JSON and CSV with the numbers of its query; analytics:export needed', async () => {
    const q = { metric: 'deals.count', dimension: 'month', range: { from: '2026-01-01', to: '2026-12-31' } }
    const answer = (await api('manager', 'POST', '/api/analytics/query', q)).json()
    expect(answer.categories).toHaveLength(12)
    const json = await api('manager', 'POST', '/api/analytics/export?format=json', q)
    expect(json.status, json.body).toBe(200)
    expect(String(json.headers['content-disposition'])).toBe('attachment; filename="deals-count-2026-01-01-2026-12-31.json"')
    const rows = json.json() as { month: string, value: number }[]
    expect(rows.map(r => r.month)).toEqual(answer.categories.map((c: { label: string }) => c.label))
    expect(rows.map(r => r.value)).toEqual(answer.series[0].values)
    expect(rows.reduce((sum, r) => sum + r.value, 0)).toBeGreaterThan(0) // this file's deal is in it
    const csv = parse((await api('manager', 'POST', '/api/analytics/export?format=csv', q)).body, { bom: true, columns: true }) as Record<string, string>[]
    expect(csv.map(r => Number(r.Deals))).toEqual(answer.series[0].values)
    expect((await api('member', 'POST', '/api/analytics/export?format=csv', q)).status).toBe(403)
    expect((await api('manager', 'POST', '/api/analytics/export?format=csv', { ...q, metric: 'deals.nope' })).status).toBe(400)

    // A home chart downloads through the query the home answer names for it.
    const home = (await api('manager', 'GET', '/api/analytics/home?from=2026-01-01&to=2026-12-31')).json()
    const sources = (await api('manager', 'POST', '/api/analytics/export?format=json', home.queries.leadSources)).json() as { value: number }[]
    expect(sources.map(r => r.value)).toEqual(home.charts.leadSources.series[0].values)
  })

  it('exports are audited; need :export; answer only what the role sees; never another tenant', async () => {
    const res = await download(port, `/api/records/accounts/export?format=csv&q=${tag}`, cookies.manager!)
    const audit = (await api('admin', 'GET', `/api/audit?requestId=${res.headers['x-request-id']}`)).json().items
    expect(audit).toMatchObject([{ action: 'accounts.exported', after: { format: 'csv', filters: { q: tag }, rows: 1200 } }])

    for (const who of ['viewer', 'member']) expect((await download(port, '/api/records/accounts/export?format=csv', cookies[who]!)).status).toBe(403)
    expect((await download(port, '/api/records/accounts/export?format=pdf', cookies.admin!)).status).toBe(400)
    expect((await download(port, '/api/records/accounts/export?format=csv&nosuchfilter=1', cookies.admin!)).status).toBe(400)

    // A role that sees its own records only: it exports the three it imported, none of the 1,200.
    const role = await api('admin', 'POST', '/api/roles', { name: `Own exporters ${tag}`, permissions: ['accounts:read', 'accounts:write', 'accounts:export'], recordScope: 'own' })
    expect(role.status, role.body).toBe(201)
    const own = await newMember(port, HOST, cookies.admin!, `own-${tag}@monsters.test`, role.json().key)
    cookies.own = own
    expect((await upload('own', '/api/records/accounts/import', `Name\n${tag} own a\n${tag} own b\n${tag} own c\n`, { mapping: { Name: 'name' } })).json().imported).toBe(3)
    const mine = parse((await download(port, '/api/records/accounts/export?format=csv', own)).body, { bom: true, columns: true }) as Record<string, string>[]
    expect(mine.map(r => r.Name).sort()).toEqual([`${tag} own a`, `${tag} own b`, `${tag} own c`])
    expect(await count()).toBe(1203)

    // Another workspace's export holds none of monsters' rows (and monsters' session is not valid there).
    const other = await signIn(port, 'prestige.localhost', 'admin@prestige.test')
    const theirs = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/records/accounts/export?format=json&q=${tag}`, headers: { host: 'prestige.localhost', cookie: other }, setHost: false }, (r) => {
        let body = ''
        r.on('data', c => body += c)
        r.on('end', () => resolve(body))
      })
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(theirs)).toEqual([])
    expect((await hit(port, 'prestige.localhost', '/api/records/accounts/export?format=json', { headers: { cookie: cookies.admin! } })).status).toBe(401)
  })
})
