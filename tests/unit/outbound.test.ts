import { describe, expect, it } from 'vitest'
import { parseAllowList, refusedAddress } from '../../server/utils/outbound'

// The outbound guard's address rule (server/utils/outbound.ts): public unicast only, unless the
// operator's allow list names the address. The HTTP side (resolution, redirects) is tested against
// the built server in tests/server/webhooks.test.ts.
describe('outbound guard: which addresses may be reached', () => {
  const none = parseAllowList('')

  it.each([
    ['10.0.0.7', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['198.18.0.1', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddress(address, none)).toContain(range)
  })

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.215.14'])('lets the public address %s through', (address) => {
    expect(refusedAddress(address, none)).toBeNull()
  })

  it('lets through exactly what the allow list names: addresses and ranges, IPv4 and IPv6', () => {
    const allow = parseAllowList('127.0.0.1, 10.20.0.0/16, ::1')
    expect(refusedAddress('127.0.0.1', allow)).toBeNull()
    expect(refusedAddress('::ffff:127.0.0.1', allow)).toBeNull()
    expect(refusedAddress('::1', allow)).toBeNull()
    expect(refusedAddress('10.20.3.4', allow)).toBeNull()
    expect(refusedAddress('127.0.0.2', allow)).toContain('loopback')
    expect(refusedAddress('10.21.0.1', allow)).toContain('private')
    expect(refusedAddress('169.254.169.254', allow)).toContain('linkLocal')
  })

  it('refuses what is not an address, and a bad allow list fails loudly', () => {
    expect(refusedAddress('localhost', none)).toContain('not an IP address')
    expect(() => parseAllowList('not-an-ip')).toThrow()
  })
})
