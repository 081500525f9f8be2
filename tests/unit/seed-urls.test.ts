import { describe, expect, it } from 'vitest'
import { demoUrl } from '../../scripts/db/seed-urls'

describe('the seed\'s log names the address the server will use', () => {
  it('takes the port and platform domain from the environment, as the server does', () => {
    expect(demoUrl('/admin', undefined, {})).toBe('http://localhost:3000/admin')
    expect(demoUrl('/', 'acme', { PORT: '4123' })).toBe('http://acme.localhost:4123/')
    expect(demoUrl('/admin', undefined, { NUXT_PORT: '5000', PORT: '4123' })).toBe('http://localhost:5000/admin')
    expect(demoUrl('/', 'acme', { PORT: '80', NUXT_PLATFORM_DOMAIN: 'atrium.test' })).toBe('http://acme.atrium.test/')
  })
})
