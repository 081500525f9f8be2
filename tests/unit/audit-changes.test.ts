import { describe, expect, it } from 'vitest'
import { auditChanges, redact } from '../../server/services/workspace/audit-changes'

describe('audit changes', () => {
  it('lists the fields that differ, with the record field\'s label and kind', () => {
    expect(auditChanges({ amountMinor: 100, name: 'Fleet' }, { amountMinor: 250, name: 'Fleet' }, 'deals')).toEqual([
      { field: 'amountMinor', label: 'Amount', kind: 'money', before: 100, after: 250 },
    ])
  })

  it('names other fields from their keys, and keeps one side for a creation or a removal', () => {
    expect(auditChanges(null, { id: 'r1', jobTitle: 'Buyer', ip_ranges: ['10.0.0.0/8'] }, 'settings', 'r1')).toEqual([
      { field: 'jobTitle', label: 'Job title', after: 'Buyer' },
      { field: 'ip_ranges', label: 'IP ranges', after: ['10.0.0.0/8'] },
    ])
    expect(auditChanges({ email: 'a@b.test' }, null, 'user')).toEqual([{ field: 'email', label: 'Email', before: 'a@b.test' }])
    expect(auditChanges(null, null, 'user')).toEqual([])
    expect(auditChanges(null, ['a', 'b'], null)).toEqual([{ field: '', label: 'Value', after: ['a', 'b'] }])
  })

  it('never gives a secret\'s value, at any depth, but keeps yes/no flags about one', () => {
    const changes = auditChanges(
      { clientSecret: 'old-s3cret', config: { issuer: 'https://id.example', apiKey: 'k-1', nested: [{ password: 'p' }] } },
      { clientSecret: 'new-s3cret', config: { issuer: 'https://id2.example', apiKey: 'k-2', nested: [{ password: 'q' }] }, secretChanged: true },
      'sso_connection',
    )
    expect(JSON.stringify(changes)).not.toMatch(/s3cret|k-1|k-2|"p"|"q"/)
    expect(changes).toEqual([
      { field: 'clientSecret', label: 'Client secret', hidden: true },
      { field: 'config', label: 'Config', before: { issuer: 'https://id.example', apiKey: '[hidden]', nested: [{ password: '[hidden]' }] }, after: { issuer: 'https://id2.example', apiKey: '[hidden]', nested: [{ password: '[hidden]' }] } },
      { field: 'secretChanged', label: 'Secret changed', after: true },
    ])
    expect(redact({ tokenHash: 'abc', keyPrefix: 'atr_12' })).toEqual({ tokenHash: '[hidden]', keyPrefix: 'atr_12' })
  })
})
