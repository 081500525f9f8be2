import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ArchiveWriter, SECRET_COLUMN, csvLines, exportTables, jsonRows } from '../../server/services/io/export-archive'

describe('data export CSV', () => {
  it.each(['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1'])('neutralises a text cell starting like a formula: %j', (value) => {
    const csv = csvLines([{ name: value, note: 'plain' }], ['name', 'note'], false)
    const cell = csv.startsWith('"') ? csv.slice(1) : csv
    expect(cell.startsWith(`'${value.charAt(0)}`)).toBe(true)
  })

  it('leaves ordinary text, numbers (negative too), dates, arrays and objects as they are', () => {
    const csv = csvLines([{ a: 'Acme, Inc.', b: -42, c: new Date('2026-11-01T10:00:00Z'), d: ['x', 'y'], e: { k: 1 }, f: null, g: true }], ['a', 'b', 'c', 'd', 'e', 'f', 'g'], true)
    expect(csv).toBe('a,b,c,d,e,f,g\n"Acme, Inc.",-42,2026-11-01T10:00:00.000Z,"[""x"",""y""]","{""k"":1}",,true\n')
  })

  it('writes the header alone for an empty table', () => {
    expect(csvLines([], ['id', 'name'], true)).toBe('id,name\n')
  })
})

describe('data export tables', () => {
  const tables = exportTables()
  const byName = Object.fromEntries(tables.map(t => [t.name, t]))

  it('covers every table with a tenant_id, not the platform\'s own audit log', () => {
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['users', 'roles', 'sessions', 'audit_log', 'api_keys', 'sso_connections', 'data_exports', 'usage_daily', 'tenant_domains']))
    expect(byName.platform_audit_log).toBeUndefined()
    for (const t of tables) expect(Object.keys(t.columns), t.name).toContain('tenant_id')
  })

  it('leaves every secret column out', () => {
    expect(byName.users!.excluded.sort()).toEqual(['password_hash', 'totp_secret_enc'])
    expect(byName.sessions!.excluded).toEqual(['token_hash'])
    expect(byName.auth_tokens!.excluded).toEqual(['token_hash'])
    expect(byName.api_keys!.excluded).toEqual(['token_hash'])
    expect(byName.recovery_codes!.excluded).toEqual(['code_hash'])
    expect(byName.sso_connections!.excluded).toEqual(['client_secret_enc'])
    for (const t of tables) for (const name of Object.keys(t.columns)) expect(SECRET_COLUMN.test(name), `${t.name}.${name}`).toBe(false)
    expect(Object.keys(byName.api_keys!.columns)).toContain('prefix')
  })
})

describe('archive writer', () => {
  it('stores the ZIP in parts that join into one readable archive', async () => {
    const parts: Uint8Array[] = []
    const writer = new ArchiveWriter(async (n, data) => {
      parts[n] = data
    }, 1024)
    const json = writer.file('json/t.json')
    await json.push('[')
    let first = true
    for (let page = 0; page < 20; page++) {
      await json.push(jsonRows(Array.from({ length: 50 }, (_, i) => ({ n: page * 50 + i, r: Math.random().toString(36) })), first))
      first = false
    }
    await json.end('\n]\n')
    await writer.file('manifest.json').end('{"ok":true}')
    await writer.finish()
    expect(parts.length).toBeGreaterThan(1)
    const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let offset = 0
    for (const p of parts) {
      whole.set(p, offset)
      offset += p.length
    }
    expect(whole.length).toBe(writer.size)
    const files = unzipSync(whole)
    expect(JSON.parse(strFromU8(files['json/t.json']!))).toHaveLength(1000)
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toEqual({ ok: true })
  })
})
