import { describe, expect, it } from 'vitest'
import { auditCsv } from '../../server/services/workspace/audit'

const row = (over: Record<string, unknown>) => ({
  id: 'a1', createdAt: new Date('2026-11-01T10:00:00Z'), actorType: 'user', actorId: 'u1', actorEmail: 'ada@acme.test',
  action: 'member.updated', entityType: 'user', entityId: 'u2', before: { role: 'viewer' }, after: { role: 'manager' }, ip: '127.0.0.1', requestId: 'r1', impersonatedBy: null, adminName: null,
  ...over,
}) as Parameters<typeof auditCsv>[0][number]

describe('audit CSV', () => {
  it('has a header and one line per entry, JSON for before/after', () => {
    const lines = auditCsv([row({})]).trim().split('\n')
    expect(lines[0]).toBe('time,actor_type,actor_id,actor_email,action,entity_type,entity_id,before,after,ip,request_id,impersonated_by')
    expect(lines[1]).toContain('2026-11-01T10:00:00.000Z,user,u1,ada@acme.test,member.updated')
    expect(lines[1]).toContain('"{""role"":""viewer""}"')
  })

  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)'])('neutralises a cell starting like a formula: %s', (value) => {
    const csv = auditCsv([row({ actorEmail: value, entityId: value })])
    const line = csv.trim().split('\n')[1]!
    expect(line).not.toMatch(new RegExp(`(^|,)"?${value.replace(/[()+\\[\]]/g, '\\$&')}`))
    expect(line).toContain(`'${value.charAt(0)}`)
  })
})
