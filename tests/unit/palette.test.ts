import { describe, expect, it } from 'vitest'
import { DEFAULT_THEME, SHADES } from '../../shared/theme'
import { paletteFromHex, themePalettes } from '../../shared/palette'

/** WCAG relative luminance of a '#rrggbb' colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function expectDarkeningLadder(palette: string[]) {
  const lum = palette.map(luminance)
  expect(lum[0], `shade 50 (${palette[0]}) vs 500 (${palette[5]})`).toBeGreaterThanOrEqual(lum[5]!)
  expect(lum[10], `shade 950 (${palette[10]}) vs 500 (${palette[5]})`).toBeLessThanOrEqual(lum[5]!)
  for (let i = 1; i < lum.length; i++) {
    expect(lum[i], `shade ${SHADES[i]} (${palette[i]}) vs ${SHADES[i - 1]} (${palette[i - 1]})`).toBeLessThanOrEqual(lum[i - 1]!)
  }
  expect(lum[0]).toBeGreaterThan(lum[10]!)
}

const INPUTS = ['#ea580c', '#7c3aed', '#0f766e', '#64748b', '#000000', '#ffffff']
const MID_TONES = ['#ea580c', '#7c3aed', '#0f766e', '#64748b', '#4f46e5', '#0891b2', '#facc15', '#16a34a', '#dc2626']

describe('paletteFromHex', () => {
  it.each(INPUTS)('returns eleven #rrggbb shades for %s', (hex) => {
    const palette = paletteFromHex(hex)
    expect(palette).toHaveLength(SHADES.length)
    for (const shade of palette) expect(shade).toMatch(/^#[0-9a-f]{6}$/)
  })

  it.each(INPUTS)('puts %s itself at shade 500', (hex) => {
    expect(paletteFromHex(hex)[5]).toBe(hex)
  })

  it('puts an upper-case input at shade 500 in lower case', () => {
    expect(paletteFromHex('#EA580C')[5]).toBe('#ea580c')
  })

  it.each(MID_TONES)('gets strictly darker from 50 to 950 for %s', (hex) => {
    const lum = paletteFromHex(hex).map(luminance)
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1]!)
  })

  it('gives a light 50 and a dark 950 for a mid tone', () => {
    const palette = paletteFromHex('#7c3aed')
    expect(luminance(palette[0]!)).toBeGreaterThan(0.85)
    expect(luminance(palette[10]!)).toBeLessThan(0.02)
  })

  it('never makes a darker shade lighter than a lighter one for black', () => {
    expectDarkeningLadder(paletteFromHex('#000000'))
  })

  it('never makes a lighter shade darker than a darker one for white', () => {
    expectDarkeningLadder(paletteFromHex('#ffffff'))
  })

  it('is deterministic', () => {
    expect(paletteFromHex('#0f766e')).toEqual(paletteFromHex('#0f766e'))
  })

  it.each(['not a colour', '', '#zzzzzz'])('throws on the non-colour %j', (value) => {
    expect(() => paletteFromHex(value)).toThrow(/Not a colour/)
  })
})

describe('themePalettes', () => {
  it('builds the brand palette from primary and the neutral palette from neutral', () => {
    const theme = { ...DEFAULT_THEME, primary: '#ea580c', neutral: '#64748b' }
    const palettes = themePalettes(theme)
    expect(Object.keys(palettes).sort()).toEqual(['brand', 'neutral'])
    expect(palettes.brand).toEqual(paletteFromHex('#ea580c'))
    expect(palettes.neutral).toEqual(paletteFromHex('#64748b'))
    expect(palettes.brand[5]).toBe('#ea580c')
    expect(palettes.neutral[5]).toBe('#64748b')
  })

  it('gives different palettes for different colours', () => {
    const palettes = themePalettes({ ...DEFAULT_THEME, primary: '#7c3aed', neutral: '#0f766e' })
    expect(palettes.brand).not.toEqual(palettes.neutral)
    expect(palettes.brand).toHaveLength(11)
    expect(palettes.neutral).toHaveLength(11)
  })
})
