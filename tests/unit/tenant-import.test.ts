import { strToU8, zipSync } from 'fflate'
import { getTableConfig } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { accounts, dealStatus, deals, teams, users } from '../../drizzle/schema'
import { TenantImportError, choosePlan, insertOrder, openExportArchive, parentsFirst, rowValues, tenantTables } from '../../server/services/io/tenant-import'

// The pure half of `import-tenant`: reading an archive, the insert order, rows back to column
// values, the plan. The round trip through a real export and the built CLI is
// tests/server/tenant-import.test.ts.

const TENANT = '0190a2b4-0000-7000-8000-000000000001'
const manifest = (over: Record<string, unknown> = {}) => ({ format: 'atrium-data-export/1', tenant: { id: TENANT, slug: 'acme', name: 'Acme' }, tables: [], rowCounts: {}, ...over })
const workspace = { id: TENANT, slug: 'acme', name: 'Acme', plan: 'pro', theme: { primary: '#000000' } }
const zip = (files: Record<string, unknown>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, v]) => [name, strToU8(typeof v === 'string' ? v : JSON.stringify(v))])))

describe('opening an archive', () => {
  it('reads the manifest and workspace, and a table only when asked', () => {
    const archive = openExportArchive(zip({ 'manifest.json': manifest(), 'workspace.json': workspace, 'json/roles.json': [{ id: 1 }] }))
    expect(archive.manifest.tenant.slug).toBe('acme')
    expect(archive.workspace.plan).toBe('pro')
    expect([...archive.files].sort()).toEqual(['json/roles.json', 'manifest.json', 'workspace.json'])
    expect(archive.json('json/roles.json')).toEqual([{ id: 1 }])
  })

  it.each([
    ['bytes that are not a ZIP', new Uint8Array([1, 2, 3, 4, 5]), /not a ZIP archive, or it is damaged/],
    ['a ZIP of something else', zip({ 'notes.txt': 'hello' }), /not an Atrium data export: it has no manifest.json/],
    ['another format', zip({ 'manifest.json': manifest({ format: 'other/2' }), 'workspace.json': workspace }), /format "other\/2"/],
    ['a manifest that is not JSON', zip({ 'manifest.json': '{ nope', 'workspace.json': workspace }), /manifest.json in the archive is not valid JSON/],
    ['a workspace of another tenant', zip({ 'manifest.json': manifest(), 'workspace.json': { ...workspace, id: '0190a2b4-0000-7000-8000-000000000002' } }), /workspace.json does not describe the workspace/],
    ['no workspace.json', zip({ 'manifest.json': manifest() }), /has no workspace.json/],
  ])('refuses %s with a clear message', (_what, bytes, message) => {
    expect(() => openExportArchive(bytes)).toThrow(TenantImportError)
    expect(() => openExportArchive(bytes)).toThrow(message)
  })

  it('refuses a truncated archive', () => {
    const whole = zip({ 'manifest.json': manifest(), 'workspace.json': workspace })
    expect(() => openExportArchive(whole.slice(0, whole.length - 30))).toThrow(/not a ZIP archive, or it is damaged/)
  })
})

describe('the insert order', () => {
  const tables = tenantTables()
  const order = insertOrder(tables)
  const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b))

  it('covers every tenant table once', () => {
    expect([...order].sort()).toEqual([...tables.keys()].sort())
  })

  it('puts every table after the tables its Drizzle foreign keys point at', () => {
    for (const [name, table] of tables) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableConfig(fk.reference().foreignTable).name
        if (target !== name && tables.has(target)) before(target, name)
      }
    }
    before('roles', 'users')
    before('users', 'team_members')
    before('teams', 'team_members')
    before('pipelines', 'pipeline_stages')
    before('pipeline_stages', 'deals')
    before('accounts', 'contacts')
    before('contacts', 'deals')
  })

  it('takes the foreign keys written in SQL into account (owners → users)', () => {
    const withOwners = insertOrder(tables, [['accounts', 'users'], ['dashboards', 'users'], ['users', 'platform_admins']])
    expect(withOwners.indexOf('users')).toBeLessThan(withOwners.indexOf('accounts'))
    expect(withOwners.indexOf('users')).toBeLessThan(withOwners.indexOf('dashboards'))
  })

  it('refuses a cycle', () => {
    expect(() => insertOrder(tables, [['roles', 'users']])).toThrow(/cycle/)
  })

  it('orders a table\'s rows parents first when it points at itself', () => {
    const rows = [{ id: 'c', parent_id: 'b' }, { id: 'a', parent_id: null }, { id: 'b', parent_id: 'a' }, { id: 'd', parent_id: 'x' }]
    expect(parentsFirst(rows, 'id', 'parent_id').map(r => r.id)).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('rows back to column values', () => {
  it('turns ISO dates into Dates and keeps JSON, arrays, numbers and enums', () => {
    const values = rowValues({ tenant_id: TENANT, id: TENANT, name: 'Big deal', pipeline_id: TENANT, stage_id: TENANT, amount_minor: 125_000, status: 'won', custom: { tier: 'gold' }, expected_close_date: '2026-12-31', closed_at: '2026-11-01T10:00:00.000Z', owner_id: null }, deals, 'json/deals.json row 1')
    expect(values).toMatchObject({ tenantId: TENANT, name: 'Big deal', amountMinor: 125_000, status: 'won', custom: { tier: 'gold' }, expectedCloseDate: '2026-12-31', ownerId: null })
    expect(values.closedAt).toEqual(new Date('2026-11-01T10:00:00.000Z'))
    expect('createdAt' in values).toBe(false)
    const team = rowValues({ tenant_id: TENANT, id: TENANT, name: 'Sales', parent_id: null }, teams, 'x')
    expect(team).toEqual({ tenantId: TENANT, id: TENANT, name: 'Sales', parentId: null })
  })

  it.each([
    [{ created_at: 'yesterday' }, /created_at is not a date/],
    [{ amount_minor: '12' }, /amount_minor is not a number/],
    [{ status: 'pending' }, new RegExp(`status is not one of ${dealStatus.enumValues.join(', ')}`)],
    [{ account_id: 'not-a-uuid' }, /account_id is not a UUID/],
  ])('refuses a damaged value, naming the row and column: %j', (bad, message) => {
    expect(() => rowValues({ tenant_id: TENANT, id: TENANT, ...bad }, deals, 'json/deals.json row 3')).toThrow(message)
    expect(() => rowValues({ tenant_id: TENANT, id: TENANT, ...bad }, deals, 'json/deals.json row 3')).toThrow(/json\/deals.json row 3/)
  })

  it('leaves out what the archive does not hold (secrets), so defaults or nulls apply', () => {
    const values = rowValues({ tenant_id: TENANT, id: TENANT, email: 'a@b.test', name: 'A', role_id: TENANT, status: 'active' }, users, 'x')
    expect(Object.keys(values).sort()).toEqual(['email', 'id', 'name', 'roleId', 'status', 'tenantId'])
    expect(rowValues({ employees: 12, tenant_id: TENANT }, accounts, 'x')).toEqual({ employees: 12, tenantId: TENANT })
  })
})

describe('choosing the plan', () => {
  const target = [{ key: 'starter', features: ['crm'] }, { key: 'pro', features: ['crm', 'analytics'] }]

  it('keeps the archive\'s plan when the target has it', () => {
    expect(choosePlan({ key: 'pro' }, target, true)).toEqual({ kind: 'same', key: 'pro' })
  })

  it('falls back to the default plan (the oldest) and names the features it lacks', () => {
    expect(choosePlan({ key: 'gold', features: ['crm', 'analytics', 'tickets'] }, target, true)).toEqual({ kind: 'fallback', key: 'starter', lostFeatures: ['analytics', 'tickets'] })
  })

  it('creates the archive\'s plan only where there is no plan at all, and only from its definition', () => {
    expect(choosePlan({ key: 'gold' }, [], true)).toEqual({ kind: 'create', key: 'gold' })
    expect(choosePlan({ key: 'gold' }, [], false)).toEqual({ kind: 'none' })
  })

  it('takes the plan asked for, or refuses one that does not exist', () => {
    expect(choosePlan({ key: 'gold', features: ['analytics'] }, target, true, 'pro')).toEqual({ kind: 'fallback', key: 'pro', lostFeatures: [] })
    expect(() => choosePlan({ key: 'pro' }, target, true, 'platinum')).toThrow(/no plan "platinum" here \(plans: starter, pro\)/)
  })
})
