import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_TEMPLATES } from '../../shared/report-templates'
import type { ReportResult } from '../../shared/reports'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// Reports (issue 23): the templates' figures against a hand-computed fixture (five deals in a
// pipeline of their own, so the demo data around them cannot change a number), calculated
// columns, time zones, who sees which rows and columns in every format, sharing, and the errors
// a bad definition gets. Writes go to oceanic only (acme is read for a report too large to file).

const HOST = 'oceanic.localhost'
const ROLES = ['admin', 'manager', 'member', 'support', 'viewer'] as const
type Who = typeof ROLES[number] | 'rep'

const template = (key: string) => structuredClone(REPORT_TEMPLATES.find(t => t.key === key)!.definition) as Record<string, unknown> & { filters?: Record<string, string> }
const paths = (res: { json: () => { data?: { issues?: { path: string }[] } } }) => res.json().data?.issues?.map(i => i.path)

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

function session(port: number) {
  const cookies = {} as Record<Who, string>
  const api = (who: Who, method: string, path: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie: cookies[who] } })
  const preview = async (who: Who, definition: unknown, drill?: (string | null)[]) => {
    const res = await api(who, 'POST', '/api/reports/preview', { definition, ...(drill ? { drill } : {}) })
    expect(res.status, res.body).toBe(200)
    return res.json() as ReportResult
  }
  const setZone = async (timeZone: string) => {
    const current = (await api('admin', 'GET', '/api/settings/general')).json()
    const res = await api('admin', 'PUT', '/api/settings/general', { ...current, timeZone })
    expect(res.status, res.body).toBe(200)
  }
  const idOf = async (email: string) => (await api('admin', 'GET', `/api/members?search=${email}`)).json().items[0].id as string
  return { cookies, api, preview, setZone, idOf }
}

/** Builds the fixture: a pipeline and five deals (two owners, three sources, open/won/lost), one account with a custom field. */
async function fixture(s: ReturnType<typeof session>, tag: string) {
  const pipeline = await s.api('admin', 'POST', '/api/pipelines', { name: `Reports ${tag}`, stages: [
    { name: 'Qualify', probability: 20 }, { name: 'Won', kind: 'won', probability: 100 }, { name: 'Lost', kind: 'lost', probability: 0 },
  ] })
  expect(pipeline.status, pipeline.body).toBe(201)
  const p = pipeline.json() as { id: string, stages: { id: string, kind: string }[] }
  const [open, won, lost] = p.stages
  const field = await s.api('admin', 'POST', '/api/custom-fields', { recordType: 'accounts', key: `tier${Math.random().toString(36).slice(2, 8)}`, label: 'Tier', type: 'text' })
  expect(field.status, field.body).toBe(201)
  const tierKey = field.json().key as string
  const account = (await s.api('admin', 'POST', '/api/records/accounts', { name: `Oceanic ${tag}`, custom: { [tierKey]: 'gold' } })).json() as { id: string }
  const admin = await s.idOf('admin@oceanic.test')
  const manager = await s.idOf('manager@oceanic.test')
  const member = await s.idOf('member@oceanic.test')
  const deal = async (name: string, ownerId: string, amountMinor: number, stageId: string, source: string) => {
    const res = await s.api('admin', 'POST', '/api/records/deals', { name: `${name} ${tag}`, ownerId, amountMinor, pipelineId: p.id, stageId, source, accountId: account.id })
    expect(res.status, res.body).toBe(201)
    return res.json() as { id: string }
  }
  const deals = {
    a: await deal('A', admin, 10_000, open!.id, 'website'),
    b: await deal('B', admin, 20_000, won!.id, 'website'),
    c: await deal('C', manager, 30_000, won!.id, 'referral'),
    d: await deal('D', manager, 5_000, lost!.id, 'referral'),
    e: await deal('E', manager, 7_000, open!.id, 'event'),
  }
  return { pipelineId: p.id, deals, ids: { admin, manager, member }, tierKey, accountId: account.id, stages: { open: open!.id, won: won!.id } }
}

describe.each(serversPerDriver())('reports on $name', ({ port }) => {
  const s = session(port)
  const tag = `${port}-${Date.now().toString(36)}`
  let fx: Awaited<ReturnType<typeof fixture>>
  let repRole = ''

  beforeAll(async () => {
    for (const role of ROLES) s.cookies[role] = await signIn(port, HOST, `${role}@oceanic.test`)
    await s.setZone('UTC')
    fx = await fixture(s, tag)
  })
  afterAll(async () => {
    // The member goes back to their role, so a second run of the file starts as the first.
    if (repRole) await s.api('admin', 'PATCH', `/api/members/${fx.ids.member}`, { role: 'member' })
  })

  it('pipeline performance by owner: deals, wins, win rate over closed deals, won amount', async () => {
    const def = template('pipeline-performance')
    def.filters = { pipelineId: fx.pipelineId }
    const r = await s.preview('admin', def)
    expect(r.grouped).toBe(true)
    expect(r.columns.map(c => c.label)).toEqual(['Owner', 'Deals', 'Won', 'Win rate', 'Won amount', 'Average cycle (days)'])
    expect(r.columns.map(c => c.type)).toEqual(['text', 'number', 'number', 'percent', 'money', 'number'])
    // Sorted by won amount, largest first; the total last.
    const rows = r.rows.map(row => [row.level, ...row.cells.slice(0, 5)])
    expect(rows).toEqual([
      [0, 'Manager', 3, 1, 50, 300],
      [0, 'Admin', 2, 1, 100, 200],
      [2, null, 5, 2, 66.66666666666667, 500],
    ].map(([level, owner, ...rest]) => [level, owner === null ? null : expect.stringContaining(owner as string), ...rest]))
    // Closed today: a cycle of (about) no days.
    expect(r.rows[0]!.cells[5]).toBe(0)
    expect(r.rows[0]!.drill).toHaveLength(1)
  })

  it('revenue by month and lead source ROI come out as computed by hand', async () => {
    const revenue = template('revenue-by-month')
    revenue.filters = { ...revenue.filters, pipelineId: fx.pipelineId }
    const month = new Date().toISOString().slice(0, 7)
    const r = await s.preview('admin', revenue)
    expect(r.rows.map(row => row.cells)).toEqual([[month, 2, 500, 250], [null, 2, 500, 250]])

    const roi = template('lead-source-roi')
    roi.filters = { pipelineId: fx.pipelineId }
    const q = await s.preview('admin', roi)
    expect(q.rows.map(row => row.cells)).toEqual([
      ['referral', 2, 1, 300, 300],
      ['website', 2, 1, 200, 200],
      ['event', 1, 0, 0, null],
      [null, 5, 2, 500, 250],
    ])
  })

  it('a group opens its own records (drill-down), and two levels give subtotals', async () => {
    const def = template('lead-source-roi')
    def.filters = { pipelineId: fx.pipelineId }
    const drilled = await s.preview('admin', def, ['referral'])
    expect(drilled.grouped).toBe(false)
    expect(drilled.rows.map(row => row.cells[0]).sort()).toEqual([`C ${tag}`, `D ${tag}`])

    const two = await s.preview('admin', { source: 'deals', columns: [{ field: 'name' }], filters: { pipelineId: fx.pipelineId }, groupBy: [{ field: 'ownerId' }, { field: 'status' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amountMinor' }], sort: [{ field: 'ownerId', dir: 'asc' }] })
    const levels = two.rows.map(row => [row.level, row.cells[1], row.cells[2], row.cells[3]])
    expect(levels).toEqual([
      [0, 'open', 1, 100], [0, 'won', 1, 200], [1, null, 2, 300],
      [0, 'lost', 1, 50], [0, 'open', 1, 70], [0, 'won', 1, 300], [1, null, 3, 420],
      [2, null, 5, 720],
    ])
    const byBoth = await s.preview('admin', { source: 'deals', columns: [{ field: 'name' }], filters: { pipelineId: fx.pipelineId }, groupBy: [{ field: 'ownerId' }, { field: 'status' }], aggregates: [{ fn: 'count' }] }, [two.rows[5]!.drill![0]!, 'won'])
    expect(byBoth.rows.map(row => row.cells[0])).toEqual([`C ${tag}`])
  })

  it('calculated columns: arithmetic, conditions, text and related records', async () => {
    const r = await s.preview('admin', {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'account.name' }, { field: 'account.cf.' + fx.tierKey }, { field: 'calc.tax' }, { field: 'calc.size' }, { field: 'calc.label' }],
      calculations: [
        { key: 'tax', label: 'Tax', expression: 'amountMinor * 0.2', format: 'money' },
        { key: 'size', label: 'Size', expression: 'if(amountMinor >= 100, "big", "small")' },
        { key: 'label', label: 'Label', expression: 'concat(upper(status), " / ", source)' },
      ],
      filters: { pipelineId: fx.pipelineId },
      sort: [{ field: 'amountMinor', dir: 'desc' }],
    })
    expect(r.columns.map(c => [c.label, c.type])).toEqual([['Name', 'text'], ['Account name', 'text'], ['Account tier', 'text'], ['Tax', 'money'], ['Size', 'text'], ['Label', 'text']])
    expect(r.rows.map(row => row.cells)).toEqual([
      [`C ${tag}`, `Oceanic ${tag}`, 'gold', 60, 'big', 'WON / referral'],
      [`B ${tag}`, `Oceanic ${tag}`, 'gold', 40, 'big', 'WON / website'],
      [`A ${tag}`, `Oceanic ${tag}`, 'gold', 20, 'big', 'OPEN / website'],
      [`E ${tag}`, `Oceanic ${tag}`, 'gold', 14, 'small', 'OPEN / event'],
      [`D ${tag}`, `Oceanic ${tag}`, 'gold', 10, 'small', 'LOST / referral'],
    ])
  })

  it('a bad definition is a 400 that names the problem and where', async () => {
    const base = { source: 'deals', columns: [{ field: 'name' }] }
    const bad = async (definition: unknown) => {
      const res = await s.api('admin', 'POST', '/api/reports/preview', { definition })
      expect(res.status, res.body).toBe(400)
      expect(res.json().data.code).toBe('VALIDATION_FAILED')
      return res
    }
    const calc = (expression: string) => ({ ...base, calculations: [{ key: 'x', label: 'X', expression }], columns: [{ field: 'calc.x' }] })
    expect((await bad(calc('amountMinor *'))).json().message).toMatch(/^X: .+ \(at character \d+\)$/)
    expect((await bad(calc('amout * 2'))).json().message).toContain('Unknown field "amout"')
    expect((await bad(calc('name / 2'))).json().message).toMatch(/Cannot divide text/)
    expect(paths(await bad(calc('name / 2')))).toEqual(['calculations.0.expression'])
    expect(paths(await bad({ ...base, filters: { colour: 'red' } }))).toEqual(['filters.colour'])
    expect(paths(await bad({ ...base, filters: { amountMinorFrom: 'lots' } }))).toEqual(['filters.amountMinorFrom'])
    expect(paths(await bad({ ...base, columns: [{ field: 'nope' }] }))).toEqual(['columns.0.field'])
    expect((await bad({ ...base, groupBy: [{ field: 'status' }], aggregates: [{ fn: 'sum', field: 'name' }] })).json().message).toMatch(/Sum needs a number/)
    expect(paths(await bad({ ...base, groupBy: [{ field: 'status' }] }))).toEqual(['definition.aggregates'])
    expect(paths(await bad({ ...base, groupBy: [{ field: 'name', bucket: 'month' }], aggregates: [{ fn: 'count' }] }))).toEqual(['groupBy.0.bucket'])
    expect(paths(await bad({ ...base, limit: 100_001 }))).toEqual(['definition.limit'])
    // Nothing was saved by any of it; a save of the same is refused the same way.
    const save = await s.api('admin', 'POST', '/api/reports', { name: 'Broken', definition: calc('name / 2') })
    expect(save.status).toBe(400)
  })

  it('saved reports: private by default, shared with roles or the workspace; only the author edits', async () => {
    const denied = await s.api('member', 'POST', '/api/reports', { name: 'Mine', definition: { source: 'deals', columns: [{ field: 'name' }] } })
    expect(denied.status).toBe(403)
    expect((await s.api('support', 'GET', '/api/reports')).status).toBe(403)

    const created = await s.api('manager', 'POST', '/api/reports', { name: `Pipeline ${tag}`, template: 'pipeline-performance', definition: { ...template('pipeline-performance'), filters: { pipelineId: fx.pipelineId } } })
    expect(created.status, created.body).toBe(201)
    const report = created.json()
    expect(report).toMatchObject({ visibility: 'private', template: 'pipeline-performance', canEdit: true, version: 1, source: 'deals' })
    const listed = async (who: Who) => ((await s.api(who, 'GET', '/api/reports')).json() as { id: string }[]).map(r => r.id)
    for (const who of ['admin', 'member', 'viewer'] as const) {
      expect(await listed(who), who).not.toContain(report.id)
      expect((await s.api(who, 'GET', `/api/reports/${report.id}/run`)).status, who).toBe(404)
    }

    const shared = await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: 1, visibility: 'roles', sharedRoleKeys: ['viewer'] })
    expect(shared.status, shared.body).toBe(200)
    expect(shared.json()).toMatchObject({ version: 2, visibility: 'roles', sharedRoleKeys: ['viewer'] })
    expect(await listed('viewer')).toContain(report.id)
    expect(await listed('member')).not.toContain(report.id)
    const run = await s.api('viewer', 'GET', `/api/reports/${report.id}/run`)
    expect(run.status, run.body).toBe(200)
    expect(run.json().rows.at(-1).cells.slice(1, 3)).toEqual([5, 2])
    // The viewer may read it, not change it; a stale version is a 409 with what is there now.
    expect((await s.api('viewer', 'PATCH', `/api/reports/${report.id}`, { version: 2, name: 'Taken' })).status).toBe(403)
    const stale = await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: 1, name: 'Late' })
    expect(stale.status).toBe(409)
    expect(stale.json().data.code).toBe('STALE')
    expect((await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: 2, visibility: 'roles', sharedRoleKeys: [] })).status).toBe(400)
    expect((await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: 2, sharedRoleKeys: ['nobody'] })).status).toBe(400)

    const everyone = await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: 2, visibility: 'workspace' })
    expect(everyone.json().sharedRoleKeys).toEqual([])
    expect(await listed('member')).toContain(report.id)
    // Another workspace never sees it.
    const outsider = await signIn(port, 'prestige.localhost', 'admin@prestige.test')
    expect((await hit(port, 'prestige.localhost', `/api/reports/${report.id}`, { headers: { cookie: outsider } })).status).toBe(404)

    expect((await s.api('manager', 'DELETE', `/api/reports/${report.id}`)).status).toBe(204)
    expect((await s.api('manager', 'GET', `/api/reports/${report.id}`)).status).toBe(404)
  })

  it('a saved report on a dashboard: named by a report its author may open, shown to each viewer as its page shows it to them', async () => {
    const created = await s.api('manager', 'POST', '/api/reports', { name: `ROI ${tag}`, definition: { ...template('lead-source-roi'), filters: { pipelineId: fx.pipelineId } } })
    expect(created.status, created.body).toBe(201)
    const report = created.json() as { id: string, version: number }
    const widget = (id: string, over: Record<string, unknown> = {}) => ({ id, title: 'Lead sources', chart: 'table', report: { id: report.id, rows: 2 }, layout: { x: 0, y: 0, w: 6, h: 6 }, ...over })
    // The report is private to the manager: the admin cannot put it on a dashboard (nor learn it exists).
    const refused = await s.api('admin', 'POST', '/api/dashboards', { name: `Theirs ${tag}`, widgets: [widget('w-report-a')] })
    expect(refused.status).toBe(400)
    expect(refused.json().data.issues).toEqual([{ path: 'widgets.0.report.id', message: 'Lead sources: no report you can open has this id' }])
    // A widget is a metric or a report, and a report is a table or a chart it can draw.
    for (const [bad, path] of [[widget('w-report-b', { query: { metric: 'deals.count' } }), 'widgets.0.query'], [widget('w-report-b', { chart: 'kpi' }), 'widgets.0.chart'], [widget('w-report-b', { report: { id: report.id, rows: 51 } }), 'widgets.0.report.rows']] as const) {
      const res = await s.api('manager', 'POST', '/api/dashboards', { name: `Bad ${tag}`, widgets: [bad] })
      expect(res.status, path).toBe(400)
      expect(paths(res), path).toContain(path)
    }

    const dash = await s.api('manager', 'POST', '/api/dashboards', { name: `Review ${tag}`, widgets: [widget('w-report-1'), widget('w-metric-1', { chart: 'kpi', report: undefined, query: { metric: 'deals.count' } })], sharedRoleKeys: ['admin', 'viewer'] })
    expect(dash.status, dash.body).toBe(201)
    const dashboard = dash.json() as { id: string, version: number, widgets: unknown[] }
    expect(dashboard.widgets[0]).toEqual(widget('w-report-1'))
    // The widget's answer: the first groups and the total, as the manager's report page has them.
    const run = await s.api('manager', 'GET', `/api/reports/${report.id}/run?rows=2`)
    expect(run.status, run.body).toBe(200)
    expect(run.json().rows.map((r: { cells: unknown[] }) => r.cells)).toEqual([['referral', 2, 1, 300, 300], ['website', 2, 1, 200, 200], [null, 5, 2, 500, 250]])
    expect(run.json().truncated).toBe(true)
    expect((await s.api('manager', 'GET', `/api/reports/${report.id}/run?rows=0`)).status).toBe(400)
    // A viewer it is shared with opens the dashboard, but not a report private to its author.
    expect((await s.api('viewer', 'GET', `/api/dashboards/${dashboard.id}`)).status).toBe(200)
    expect((await s.api('viewer', 'GET', `/api/reports/${report.id}/run?rows=2`)).status).toBe(404)
    // A dashboard admin rearranges it without being able to open that report: the widget stays.
    const moved = await s.api('admin', 'PATCH', `/api/dashboards/${dashboard.id}`, { version: dashboard.version, widgets: [widget('w-report-1', { title: 'Sources', layout: { x: 6, y: 0, w: 6, h: 6 } })] })
    expect(moved.status, moved.body).toBe(200)
    // …but cannot point it at another report they cannot open.
    const other = (await s.api('manager', 'POST', '/api/reports', { name: `Other ${tag}`, definition: { source: 'deals', columns: [{ field: 'name' }] } })).json() as { id: string }
    const swapped = await s.api('admin', 'PATCH', `/api/dashboards/${dashboard.id}`, { version: dashboard.version + 1, widgets: [widget('w-report-1', { report: { id: other.id, rows: 5 } })] })
    expect(swapped.status).toBe(400)
    expect(paths(swapped)).toEqual(['widgets.0.report.id'])
    // Shared with the workspace, the viewer's widget shows the report to them.
    expect((await s.api('manager', 'PATCH', `/api/reports/${report.id}`, { version: report.version, visibility: 'workspace' })).status).toBe(200)
    const theirs = await s.api('viewer', 'GET', `/api/reports/${report.id}/run?rows=2`)
    expect(theirs.status).toBe(200)
    expect(theirs.json().rows.at(-1).cells).toEqual([null, 5, 2, 500, 250])
    // The public API names the report a widget shows; its numbers are the report's, not the range's.
    const data = await s.api('manager', 'GET', `/api/v1/dashboards/${dashboard.id}/data`)
    expect(data.status, data.body).toBe(200)
    expect(data.json().widgets).toEqual([{ widgetId: 'w-report-1', report: { id: report.id, rows: 2 } }])
    expect((await s.api('manager', 'DELETE', `/api/dashboards/${dashboard.id}`)).status).toBe(204)
  })

  it('a member sees only their rows, and a column over data their role cannot read is left out in every format', async () => {
    // A rep who reads deals (their own only) and reports, not accounts.
    const role = await s.api('admin', 'POST', '/api/roles', { name: `Rep ${tag}`, permissions: ['deals:read', 'reports:read', 'reports:export'], recordScope: 'own' })
    expect(role.status, role.body).toBe(201)
    repRole = role.json().key
    expect((await s.api('admin', 'PATCH', `/api/members/${fx.ids.member}`, { role: repRole })).status).toBe(200)
    s.cookies.rep = await signIn(port, HOST, 'member@oceanic.test')
    const mine = await s.api('admin', 'POST', '/api/records/deals', { name: `Rep's ${tag}`, ownerId: fx.ids.member, amountMinor: 4_000, pipelineId: fx.pipelineId, stageId: fx.stages.open, accountId: fx.accountId })
    expect(mine.status, mine.body).toBe(201)

    const created = await s.api('admin', 'POST', '/api/reports', { name: `Deals ${tag}`, visibility: 'workspace', definition: {
      source: 'deals', columns: [{ field: 'name' }, { field: 'account.name' }, { field: `account.cf.${fx.tierKey}` }, { field: 'amountMinor' }],
      filters: { pipelineId: fx.pipelineId }, sort: [{ field: 'amountMinor', dir: 'asc' }],
    } })
    expect(created.status, created.body).toBe(201)
    const id = created.json().id as string

    const adminRun = (await s.api('admin', 'GET', `/api/reports/${id}/run`)).json() as ReportResult
    expect(adminRun.rows).toHaveLength(6)
    const repRun = await s.api('rep', 'GET', `/api/reports/${id}/run`)
    expect(repRun.status, repRun.body).toBe(200)
    const r = repRun.json() as ReportResult
    expect(r.columns.map(c => c.label)).toEqual(['Name', 'Amount'])
    expect(r.hidden).toEqual(['Account name', 'Account tier'])
    expect(r.rows.map(row => row.cells)).toEqual([[`Rep's ${tag}`, 40]])

    const csv = await download(port, `/api/reports/${id}/export?format=csv`, s.cookies.rep)
    expect(csv.status).toBe(200)
    const text = csv.body.toString('utf8').replace(/^\uFEFF/, '')
    expect(text.trim().split('\n')).toEqual(['Name,Amount', `Rep's ${tag},40`])
    const json = JSON.parse((await download(port, `/api/reports/${id}/export?format=json`, s.cookies.rep)).body.toString('utf8'))
    expect(json.rows).toEqual([{ name: `Rep's ${tag}`, amountMinor: 40 }])
    expect(JSON.stringify(json)).not.toContain('gold')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await download(port, `/api/reports/${id}/export?format=xlsx`, s.cookies.rep)).body as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Amount'])
    expect(sheet.rowCount).toBe(2)
    const workbookText = book.worksheets.flatMap(ws => ws.getSheetValues().flat()).join(' ')
    expect(workbookText).not.toContain('gold')
    expect(workbookText).not.toContain(`Oceanic ${tag}`)

    // A report built over accounts, or one naming them, is refused to the rep at save and preview.
    const over = await s.api('rep', 'POST', '/api/reports/preview', { definition: { source: 'accounts', columns: [{ field: 'name' }] } })
    expect(over.status).toBe(400)
    expect(over.json().message).toMatch(/cannot read accounts/)
    const naming = await s.api('rep', 'POST', '/api/reports/preview', { definition: { source: 'deals', columns: [{ field: 'name' }, { field: 'account.name' }] } })
    expect(naming.status).toBe(400)
    expect(naming.json().message).toContain('Your role cannot read "account.name"')
  })

  it('files: CSV and JSON hold the rows, XLSX has typed cells, a frozen header and the filters, the PDF its text and page numbers', async () => {
    const created = await s.api('admin', 'POST', '/api/reports', { name: `Files ${tag}`, definition: {
      source: 'deals', columns: [{ field: 'name' }, { field: 'amountMinor' }, { field: 'createdAt' }, { field: 'calc.share' }],
      calculations: [{ key: 'share', label: 'Share', expression: 'amountMinor / 720 * 100', format: 'percent' }],
      filters: { pipelineId: fx.pipelineId, status: 'won' }, sort: [{ field: 'amountMinor', dir: 'desc' }],
    } })
    const id = created.json().id as string
    const xlsx = await download(port, `/api/reports/${id}/export?format=xlsx`, s.cookies.admin)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe(`Files ${tag}`.slice(0, 31))
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const first = sheet.getRow(2)
    expect(first.getCell(1).value).toBe(`C ${tag}`)
    expect(first.getCell(2).value).toBe(300)
    expect(first.getCell(2).numFmt).toBe('#,##0.00')
    expect(first.getCell(3).value).toBeInstanceOf(Date)
    expect(first.getCell(4).value).toBeCloseTo(41.67, 1)
    const about = book.getWorksheet('About')!
    const aboutText = about.getSheetValues().flat().join(' ')
    expect(aboutText).toContain('Status: won')
    expect(aboutText).toContain('Ran at')

    const csv = (await download(port, `/api/reports/${id}/export?format=csv`, s.cookies.admin)).body.toString('utf8')
    expect(csv.split('\n')[0]).toBe('\uFEFFName,Amount,Created,Share')
    expect(csv.split('\n')).toHaveLength(4)
    // Exports are audited; exporting needs reports:export (a viewer only reads).
    const audit = await s.api('admin', 'GET', '/api/audit?action=report.exported')
    expect(audit.json().items.some((e: { entityId: string }) => e.entityId === id)).toBe(true)
    // PDF: the text of the file holds the title, the filters, the rows and the page numbers.
    const pdf = await download(port, `/api/reports/${id}/export?format=pdf`, s.cookies.admin)
    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'))
    writeFileSync(join(dir, 'r.pdf'), pdf.body)
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    rmSync(dir, { recursive: true, force: true })
    expect(text).toContain(`Files ${tag}`)
    expect(text).toContain('Oceanic Airlines')
    expect(text).toContain('Filter: Status: won')
    expect(text).toMatch(new RegExp(`C ${tag}\\s+\\$300\\.00`))
    expect(text).toMatch(new RegExp(`B ${tag}\\s+\\$200\\.00`))
    expect(text).toContain('Page 1 of 1')
    expect((await s.api('viewer', 'GET', `/api/reports/${id}/export?format=csv`)).status).toBe(403)
    expect((await s.api('admin', 'GET', `/api/reports/${id}/export?format=docx`)).status).toBe(400)
  })

  it('a PDF sets right-to-left text from the right edge, its words in reading order, a left-to-right run kept whole', async () => {
    const marker = `R${Date.now().toString(36)}`
    const name = `صفقة كبيرة ACME ${marker} للعميل`
    expect((await s.api('admin', 'POST', '/api/records/deals', { name, amountMinor: 5_000 })).status).toBe(201)
    const report = (await s.api('admin', 'POST', '/api/reports', { name: `RTL ${tag}`, definition: { source: 'deals', columns: [{ field: 'name' }, { field: 'amountMinor' }], filters: { q: marker } } })).json() as { id: string }
    const pdf = await download(port, `/api/reports/${report.id}/export?format=pdf`, s.cookies.admin)
    expect(pdf.status).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'report-rtl-'))
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf.body)
      // Each word with its box, as a reader of the page finds it; a right-to-left word's letters come out in the order drawn.
      const boxes = execFileSync('pdftotext', ['-bbox', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      const words = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
        .map(m => ({ x: Number(m[1]), y: Number(m[2]), right: Number(m[3]), text: m[4]!.normalize('NFKC') }))
      const row = words.findLast(w => w.text === marker)!.y // (the first is in the filters line)
      const cells = words.filter(w => w.y === row).sort((a, b) => b.x - a.x)
      const arabic = /[\u0600-\u06FF]/
      // Read from the right: the first word rightmost, the Latin run whole and in its own order, the last word leftmost.
      expect(cells.map(w => arabic.test(w.text) ? [...w.text].reverse().join('') : w.text)).toEqual(['$50.00', 'صفقة', 'كبيرة', marker, 'ACME', 'للعميل'])
      // Set from the cell's right edge: its leftmost word starts well right of where the column (and its header) starts.
      const header = words.find(w => w.text === 'Name' && w.y < row)!
      expect(cells.at(-1)!.x).toBeGreaterThan(header.x + 100)
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // Last of this block: it changes the support member's role (and so ends their sessions).
  it('the compliance report counts sign-ins, failed sign-ins, role changes, API keys and exports from the audit log, for those who read it', async () => {
    const since = new Date().toISOString()
    // What happens: a refused sign-in and a good one, a role made, the support member's role
    // changed there and back (a change of status alone would not count), an API key, an export.
    expect((await hit(port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'viewer@oceanic.test', password: 'not-the-password' } })).status).toBe(401)
    await signIn(port, HOST, 'viewer@oceanic.test')
    // The same in another workspace, which must not count here.
    expect((await hit(port, 'prestige.localhost', '/api/auth/login', { method: 'POST', body: { email: 'viewer@prestige.test', password: 'not-the-password' } })).status).toBe(401)
    expect((await s.api('admin', 'POST', '/api/roles', { name: `Auditors ${tag}`, permissions: ['audit:read', 'reports:read'] })).status).toBe(201)
    const support = await s.idOf('support@oceanic.test')
    for (const role of ['viewer', 'support']) expect((await s.api('admin', 'PATCH', `/api/members/${support}`, { role })).status).toBe(200)
    expect((await s.api('admin', 'POST', '/api/api-keys', { name: `Compliance ${tag}`, scopes: ['reports:read'] })).status).toBe(201)
    const report = (await s.api('admin', 'POST', '/api/reports', { name: `Exported ${tag}`, definition: { source: 'deals', columns: [{ field: 'name' }], filters: { pipelineId: fx.pipelineId } } })).json() as { id: string }
    expect((await s.api('admin', 'GET', `/api/reports/${report.id}/export?format=csv`)).status).toBe(200)

    const templates = (await s.api('admin', 'GET', '/api/reports/templates')).json() as { key: string }[]
    expect(templates.map(t => t.key)).toContain('compliance')
    const def = template('compliance')
    def.filters = { ...def.filters, createdAtFrom: since }
    const r = await s.preview('admin', def)
    expect(r.columns.map(c => c.label)).toEqual(['Compliance category', 'When (month)', 'Entries', 'People and keys', 'Addresses'])
    const month = new Date().toISOString().slice(0, 7)
    expect(r.rows.filter(row => row.level === 0).map(row => row.cells.slice(0, 4))).toEqual([
      ['API keys', month, 1, 1],
      ['Data exports', month, 1, 1],
      ['Failed sign-ins', month, 1, 1],
      ['Roles and permissions', month, 3, 1],
      ['Sign-ins', month, 1, 1],
    ])
    expect(r.rows.at(-1)).toMatchObject({ level: 2, cells: [null, null, 7, 3, 1] })
    // Its rows say who: a failed sign-in names the address typed; an API key's entry, the admin who made it.
    const who = await s.preview('admin', { source: 'audit', columns: [{ field: 'compliance' }, { field: 'action' }, { field: 'actor' }, { field: 'actorEmail' }], filters: { compliance: 'Failed sign-ins,API keys', createdAtFrom: since }, sort: [{ field: 'compliance', dir: 'asc' }] })
    expect(who.rows.map(row => row.cells)).toEqual([
      ['API keys', 'API key created', expect.any(String), 'admin@oceanic.test'],
      ['Failed sign-ins', 'Sign-in failed', 'Not signed in', 'viewer@oceanic.test'],
    ])

    // The builder offers the audit log's fields and filters to those who read it, and to no one else.
    const fields = await s.api('admin', 'GET', '/api/reports/fields?source=audit')
    expect(fields.status).toBe(200)
    expect(fields.json().filters.map((f: { key: string }) => f.key)).toEqual(['compliance', 'area', 'action', 'actorType', 'createdAt'])
    expect((await s.api('rep', 'GET', '/api/reports/fields?source=audit')).status).toBe(404)
    expect(((await s.api('rep', 'GET', '/api/reports/templates')).json() as { key: string }[]).map(t => t.key)).not.toContain('compliance')
    const refused = await s.api('rep', 'POST', '/api/reports/preview', { definition: def })
    expect(refused.status).toBe(400)
    expect(refused.json().message).toBe('Your role cannot read the audit log, which this report is over')
    // Its filters are checked like any other, with the field named.
    for (const [filters, path, message] of [
      [{ compliance: 'Lunch breaks' }, 'filters.compliance', 'Filter compliance "Lunch breaks" is not one of its values'],
      [{ createdAtFrom: 'last tuesday' }, 'filters.createdAtFrom', 'Filter createdAtFrom must be a date (YYYY-MM-DD) or a date and time (ISO 8601)'],
      [{ pipelineId: fx.pipelineId }, 'filters.pipelineId', 'Filter pipelineId is not a filter of the audit log'],
    ] as const) {
      const bad = await s.api('admin', 'POST', '/api/reports/preview', { definition: { source: 'audit', columns: [{ field: 'action' }], filters } })
      expect(bad.status, path).toBe(400)
      expect(bad.json().data.issues[0], path).toEqual({ path, message })
    }
  })
})

describe('reports on PostgreSQL: time zones and the row limit', () => {
  const owner = ownerAccess()
  const server = () => servers().find(x => x.name === 'postgres')!
  const tag = `tz-${Date.now().toString(36)}`

  it('months and dates follow the workspace\'s time zone', async () => {
    const s = session(server().port)
    for (const role of ROLES) s.cookies[role] = await signIn(server().port, HOST, `${role}@oceanic.test`)
    await s.setZone('UTC')
    const fx = await fixture(s, tag)
    // B closed late on 31 March (UTC), which is already 1 April in Berlin; C mid-March.
    await owner.sql()`update deals set closed_at = '2024-03-31T23:30:00Z' where id = ${fx.deals.b.id}`
    await owner.sql()`update deals set closed_at = '2024-03-15T12:00:00Z' where id = ${fx.deals.c.id}`
    const revenue = { ...template('revenue-by-month'), filters: { status: 'won', pipelineId: fx.pipelineId } }
    const withDay = { source: 'deals', columns: [{ field: 'name' }, { field: 'calc.day' }], calculations: [{ key: 'day', label: 'Day', expression: 'date(closedAt)' }], filters: { status: 'won', pipelineId: fx.pipelineId }, sort: [{ field: 'name', dir: 'asc' }] }
    try {
      expect((await s.preview('admin', revenue)).rows.map(r => r.cells.slice(0, 3))).toEqual([['2024-03', 2, 500], [null, 2, 500]])
      expect((await s.preview('admin', withDay)).rows.map(r => r.cells)).toEqual([[`B ${tag}`, '2024-03-31'], [`C ${tag}`, '2024-03-15']])
      await s.setZone('Europe/Berlin')
      expect((await s.preview('admin', revenue)).rows.map(r => r.cells.slice(0, 3))).toEqual([['2024-03', 1, 300], ['2024-04', 1, 200], [null, 2, 500]])
      expect((await s.preview('admin', withDay)).rows.map(r => r.cells)).toEqual([[`B ${tag}`, '2024-04-01'], [`C ${tag}`, '2024-03-15']])
    }
    finally {
      await s.setZone('UTC')
    }
  })

  it('a report with more rows than a file may hold is refused whole, before a byte is written', async () => {
    // The test servers allow 400 rows a report (NUXT_REPORT_MAX_ROWS): 401 accounts are one too many.
    const s = session(server().port)
    s.cookies.admin = await signIn(server().port, HOST, 'admin@oceanic.test')
    const [tenant] = await owner.sql()<{ id: string }[]>`select id from tenants where slug = 'oceanic'`
    await owner.sql()`insert into accounts (tenant_id, id, name) select ${tenant!.id}, gen_random_uuid(), ${`Bulk ${tag} `} || n from generate_series(1, 401) n`
    const definition = { source: 'accounts', columns: [{ field: 'name' }], filters: { q: `Bulk ${tag}` } }
    const created = await s.api('admin', 'POST', '/api/reports', { name: `Everything ${tag}`, definition })
    expect(created.status, created.body).toBe(201)
    const id = created.json().id as string
    const res = await s.api('admin', 'GET', `/api/reports/${id}/export?format=csv`)
    expect(res.status).toBe(422)
    expect((await s.api('admin', 'GET', `/api/reports/${id}/export?format=pdf`)).status).toBe(422)
    expect(res.json().data.code).toBe('REPORT_TOO_LARGE')
    expect(res.json().message).toMatch(/has 401 rows; a report holds at most 400/)
    // With a limit it is a top-N report, and files fine.
    expect((await s.api('admin', 'PATCH', `/api/reports/${id}`, { version: 1, definition: { ...definition, limit: 50, sort: [{ field: 'name', dir: 'desc' }] } })).status).toBe(200)
    const limited = await s.api('admin', 'GET', `/api/reports/${id}/export?format=csv`)
    expect(limited.status).toBe(200)
    expect(limited.body.trim().split('\n')).toHaveLength(51)
    // 100 rows make a PDF of three pages, each with the table's header and its number.
    expect((await s.api('admin', 'PATCH', `/api/reports/${id}`, { version: 2, definition: { ...definition, limit: 100, sort: [{ field: 'name', dir: 'asc' }] } })).status).toBe(200)
    const pdf = await download(server().port, `/api/reports/${id}/export?format=pdf`, s.cookies.admin)
    expect(pdf.status).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'))
    writeFileSync(join(dir, 'r.pdf'), pdf.body)
    const pages = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter(p => p.trim())
    rmSync(dir, { recursive: true, force: true })
    expect(pages).toHaveLength(3)
    pages.forEach((text, i) => {
      expect(text).toMatch(/^\s*Name\s*$/m)
      expect(text).toContain(`Page ${i + 1} of 3`)
    })
    expect(pages.join('')).toContain(`Bulk ${tag} 100`)
  })
})
