import { describe, expect, it } from 'vitest'
import { emailAddress, phoneNumber, websiteDomain } from '../../shared/schemas/contact-points'
import { recordCreateSchemas } from '../../shared/schemas/records'

describe('websites, email addresses and phone numbers of records', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  https://www.Example.COM/about?x=1#top ', 'example.com'],
    ['http://shop.example.co.uk', 'shop.example.co.uk'],
    ['Example.com.', 'example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['not a url!!', null],
    ['javascript:alert(1)', null],
    ['ftp://example.com', null],
    ['mailto:a@example.com', null],
    ['example.com:8080', null],
    ['https://user:pw@example.com', null],
    ['localhost', null],
    ['192.168.1.10', null],
    ['exa_mple.com', null],
    ['-example.com', null],
  ])('website %j → %j', (input, expected) => {
    expect(websiteDomain(input)).toBe(expected)
  })

  it.each([
    ['+1 212 555 0100', '+1 212 555 0100'],
    [' +1 (212) 555-0100   ext. 12 ', '+1 (212) 555-0100 ext. 12'],
    ['030/1234567', '030/1234567'],
    ['+44 20 7946 0958 x7', '+44 20 7946 0958 x7'],
    ['call me maybe', null],
    ['1-800-FLOWERS', null],
    ['12', null],
    ['+1 2+12 555', null],
    ['1234567890123456', null],
  ])('phone %j → %j', (input, expected) => {
    expect(phoneNumber(input)).toBe(expected)
  })

  it('emails are trimmed and lower-cased; the schemas store empty fields as null and name the bad one', () => {
    expect(emailAddress(' Bob@Vance.TEST ')).toBe('bob@vance.test')
    expect(emailAddress('a@b')).toBeNull()
    expect(recordCreateSchemas.accounts.parse({ name: 'x', domain: '', phone: '' })).toMatchObject({ domain: null, phone: null })
    const bad = recordCreateSchemas.accounts.safeParse({ name: 'x', domain: 'not a url!!' })
    expect(bad.error?.issues.map(i => [i.path.join('.'), i.message])).toEqual([['domain', 'must be a website address such as example.com']])
  })
})
