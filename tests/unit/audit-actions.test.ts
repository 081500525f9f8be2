import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from '../../shared/audit-actions'
import { RECORD_TYPES } from '../../shared/records'

// Every action the server writes has a label in the catalogue (shared/audit-actions.ts), so the
// Action filter offers it and the log shows a name rather than a key. The actions are collected
// from the source: every `action:` property in server/, its string literals (a ternary gives
// both), and its template literals expanded over what their placeholders can be; and the literals
// of the audit inserts in SQL migrations.
const ROOT = join(import.meta.dirname, '../..')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(d => d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [])
}

/** What a template literal's placeholders stand for where actions are written. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  'type': RECORD_TYPES,
  'input.action': ['assign', 'status', 'delete', 'restore'],
  'kind': ['password_reset', 'invitation'],
  'input.decision': ['approved', 'rejected'],
}
const ACTION = /^[a-z_]+(\.[a-z_]+)+$/

function expand(template: string): string[] {
  const m = /\$\{([^}]+)\}/.exec(template)
  if (!m) return [template]
  const values = PLACEHOLDERS[m[1]!]
  if (!values) throw new Error(`no values for \${${m[1]}} in \`${template}\`: add them to PLACEHOLDERS`)
  return values.flatMap(v => expand(template.replace(m[0], v)))
}

function writtenActions(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of files(join(ROOT, 'server'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\baction:\s*([^\n]*)/g)) {
      // The property's expression: up to the next property of the same object literal.
      const expr = m[1]!.split(/,\s*[A-Za-z]+:|\s\}|\}\)/)[0]!
      for (const lit of expr.matchAll(/'([^']*)'|`([^`]*)`/g)) {
        for (const action of lit[1] !== undefined ? [lit[1]] : expand(lit[2]!)) {
          if (ACTION.test(action)) found.set(action, file.slice(ROOT.length + 1))
        }
      }
    }
  }
  // And the database functions that write entries themselves (the tenant purge, migration 0021).
  const migrations = join(ROOT, 'drizzle/migrations')
  for (const name of readdirSync(migrations).filter(n => n.endsWith('.sql'))) {
    const text = readFileSync(join(migrations, name), 'utf8')
    for (const m of text.matchAll(/insert into (?:platform_)?audit_log[^;]*?values\s*\(([^;]*?)\)\s*;/gi)) {
      for (const lit of m[1]!.matchAll(/'([^']*)'/g)) if (ACTION.test(lit[1]!)) found.set(lit[1]!, `drizzle/migrations/${name}`)
    }
  }
  return found
}

describe('audit action catalogue', () => {
  it('labels every action the server writes', () => {
    const written = writtenActions()
    // The scan finds the usual suspects (a broken scan would pass vacuously).
    expect(written.size).toBeGreaterThan(80)
    for (const key of ['auth.signed_in', 'deals.updated', 'tenant.suspended', 'platform_admin.reset_from_cli', 'auth.invitation_token_rejected', 'tenant.purged']) expect(written.has(key), key).toBe(true)
    const missing = [...written].filter(([key]) => !isAuditAction(key)).map(([key, file]) => `${key} (${file})`)
    expect(missing).toEqual([])
  })

  it('has one entry per key, each with a label and a group', () => {
    const keys = AUDIT_ACTIONS.map(a => a.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const a of AUDIT_ACTIONS) {
      expect(a.label.length, a.key).toBeGreaterThan(0)
      expect(a.label).not.toBe(a.key)
    }
    expect(auditActionLabel('auth.signed_in')).toBe('Signed in')
    expect(auditActionLabel('deals.updated')).toBe('Deal updated')
    expect(auditActionLabel('something.older')).toBe('something.older')
  })
})
