import { describe, expect, it } from 'vitest'
import { cssHex, DEFAULT_THEME, SHADES, THEME_FONTS, THEME_RADII, themeCss, themePatchSchema, themeSchema } from '../../shared/theme'
import type { Theme, ThemePalettes } from '../../shared/theme'

function issuesFor(input: unknown) {
  const result = themeSchema.safeParse(input)
  expect(result.success).toBe(false)
  return result.error!.issues
}

describe('themeSchema', () => {
  it('accepts the default theme unchanged', () => {
    expect(themeSchema.parse(DEFAULT_THEME)).toEqual(DEFAULT_THEME)
  })

  it('accepts every listed font, radius and colour mode', () => {
    for (const font of Object.keys(THEME_FONTS)) {
      expect(themeSchema.safeParse({ ...DEFAULT_THEME, font }).success).toBe(true)
    }
    for (const radius of THEME_RADII) {
      expect(themeSchema.safeParse({ ...DEFAULT_THEME, radius }).success).toBe(true)
    }
    for (const colorMode of ['light', 'dark', 'system']) {
      expect(themeSchema.safeParse({ ...DEFAULT_THEME, colorMode }).success).toBe(true)
    }
  })

  it('accepts asset paths on this site', () => {
    const theme = {
      ...DEFAULT_THEME,
      logo: '/brand/acme/logo.svg',
      logoDark: '/brand/acme/logo-dark.PNG',
      favicon: '/favicon.ico',
    }
    expect(themeSchema.parse(theme)).toEqual(theme)
  })

  it('lower-cases hex colours', () => {
    const parsed = themeSchema.parse({ ...DEFAULT_THEME, primary: '#EA580C', neutral: '#64748B' })
    expect(parsed.primary).toBe('#ea580c')
    expect(parsed.neutral).toBe('#64748b')
  })

  it('rejects a CSS injection in a colour, naming the primary field', () => {
    const issues = issuesFor({ ...DEFAULT_THEME, primary: 'red;}</style><script>' })
    expect(issues).toHaveLength(1)
    expect(issues[0]!.path).toEqual(['primary'])
  })

  it.each(['red', '#fff', '#12345', '#1234567', '#gggggg', '4f46e5', '#4f46e5 ', 'rgb(0,0,0)'])('rejects the colour %j', (neutral) => {
    const issues = issuesFor({ ...DEFAULT_THEME, neutral })
    expect(issues.map(issue => issue.path)).toEqual([['neutral']])
  })

  it('rejects unknown keys', () => {
    const issues = issuesFor({ ...DEFAULT_THEME, customCss: 'body{display:none}' })
    expect(issues[0]!.code).toBe('unrecognized_keys')
  })

  it('rejects a missing key', () => {
    const { favicon: _favicon, ...withoutFavicon } = DEFAULT_THEME
    const issues = issuesFor(withoutFavicon)
    expect(issues.map(issue => issue.path)).toEqual([['favicon']])
  })

  it.each(['comic-sans', 'Inter', 'system-ui', 'toString'])('rejects the unknown font %j', (font) => {
    const issues = issuesFor({ ...DEFAULT_THEME, font })
    expect(issues.map(issue => issue.path)).toEqual([['font']])
  })

  it.each(['1', '0.3', '0.375rem', '', '0.5;}', 0.5])('rejects the radius %j', (radius) => {
    const issues = issuesFor({ ...DEFAULT_THEME, radius })
    expect(issues.map(issue => issue.path)).toEqual([['radius']])
  })

  it('rejects an unknown colour mode', () => {
    const issues = issuesFor({ ...DEFAULT_THEME, colorMode: 'sepia' })
    expect(issues.map(issue => issue.path)).toEqual([['colorMode']])
  })

  it.each([
    '/../secrets/logo.svg',
    '/brand/../../x.png',
    '/brand/..logo.svg',
  ])('rejects an asset path containing ".." (%s)', (logo) => {
    const issues = issuesFor({ ...DEFAULT_THEME, logo })
    expect(issues.map(issue => issue.path)).toEqual([['logo']])
  })

  it.each([
    'https://evil/x.svg',
    'http://evil.example/logo.png',
    'data:image/svg+xml,x.svg',
    'javascript:alert(1)',
    'javascript:alert(1)//.svg',
    'JavaScript:alert(1).svg',
  ])('rejects an asset URL with a scheme (%s)', (logoDark) => {
    const issues = issuesFor({ ...DEFAULT_THEME, logoDark })
    expect(issues.map(issue => issue.path)).toEqual([['logoDark']])
  })

  it('rejects a protocol-relative asset URL pointing to another origin', () => {
    // "//evil.example/logo.svg" has no scheme but loads from evil.example, not from this site.
    const issues = issuesFor({ ...DEFAULT_THEME, logo: '//evil.example/logo.svg' })
    expect(issues.map(issue => issue.path)).toEqual([['logo']])
  })

  it.each([
    '/logo.svg?v=2',
    '/logo.svg#frag',
    '/logo.svg"><script>',
    'logo.svg',
    '/logo.gif',
    '/logo',
    '/a b.svg',
    '/a\\b.svg',
  ])('rejects the asset path %j', (favicon) => {
    const issues = issuesFor({ ...DEFAULT_THEME, favicon })
    expect(issues.map(issue => issue.path)).toEqual([['favicon']])
  })

  it('rejects an asset path longer than 200 characters', () => {
    const logo = `/${'a'.repeat(196)}.svg`
    expect(logo).toHaveLength(201)
    expect(issuesFor({ ...DEFAULT_THEME, logo }).map(issue => issue.path)).toEqual([['logo']])
  })
})

// Distinct, recognisable values so a shade landing in the wrong variable would show.
const palettes: ThemePalettes = {
  brand: SHADES.map((_, i) => `#b0000${i.toString(16)}`),
  neutral: SHADES.map((_, i) => `#00000${i.toString(16)}`),
}

function declarations(css: string): Map<string, string> {
  const body = /^:root\{(.*)\}$/.exec(css)
  expect(body).not.toBeNull()
  return new Map(body![1]!.split(';').map((decl) => {
    const colon = decl.indexOf(':')
    return [decl.slice(0, colon), decl.slice(colon + 1)] as [string, string]
  }))
}

describe('themeCss', () => {
  const theme: Theme = { ...DEFAULT_THEME, radius: '0.75', font: 'source-serif' }

  it('wraps everything in one :root rule', () => {
    const css = themeCss(theme, palettes)
    expect(css.startsWith(':root{')).toBe(true)
    expect(css.endsWith('}')).toBe(true)
  })

  it('sets a brand variable for every shade from the brand palette, in order', () => {
    const css = themeCss(theme, palettes)
    SHADES.forEach((shade, i) => {
      expect(css).toContain(`--color-brand-${shade}:${palettes.brand[i]};`)
    })
    expect(declarations(css).get('--color-brand-500')).toBe(palettes.brand[5])
  })

  it('sets an ink variable for every shade from the neutral palette, in order', () => {
    const css = themeCss(theme, palettes)
    SHADES.forEach((shade, i) => {
      expect(css).toContain(`--color-ink-${shade}:${palettes.neutral[i]};`)
    })
    expect(declarations(css).get('--color-ink-950')).toBe(palettes.neutral[10])
  })

  it('sets the radius in rem', () => {
    const css = themeCss(theme, palettes)
    expect(css).toContain('--ui-radius:0.75rem')
    expect(declarations(css).get('--ui-radius')).toBe('0.75rem')
  })

  it('sets the font stack of the chosen font', () => {
    for (const font of Object.keys(THEME_FONTS) as (keyof typeof THEME_FONTS)[]) {
      const css = themeCss({ ...theme, font }, palettes)
      expect(declarations(css).get('--font-sans')).toBe(THEME_FONTS[font])
    }
  })

  it('declares exactly the brand, ink, radius and font variables', () => {
    const names = [...declarations(themeCss(theme, palettes)).keys()].sort()
    const expected = [
      ...SHADES.map(shade => `--color-brand-${shade}`),
      ...SHADES.map(shade => `--color-ink-${shade}`),
      '--ui-radius',
      '--font-sans',
    ].sort()
    expect(names).toEqual(expected)
  })

  it('contains no markup and no closing brace but the last', () => {
    for (const font of Object.keys(THEME_FONTS) as (keyof typeof THEME_FONTS)[]) {
      for (const radius of THEME_RADII) {
        const css = themeCss({ ...theme, font, radius }, palettes)
        expect(css).not.toContain('<')
        expect(css.indexOf('}')).toBe(css.length - 1)
      }
    }
  })
})

describe('theme patches', () => {
  it('leave out fields a patch does not name, so they keep their stored values', () => {
    expect(themePatchSchema.parse({})).toEqual({})
    expect(themePatchSchema.parse({ primary: '#AABBCC' })).toEqual({ primary: '#aabbcc' })
  })
})

// Defence in depth: what reaches themeCss is checked again, whatever the schema said when it
// was written (a row written straight into the database, a tampered cached profile).
describe('themeCss drops values that are not exactly what the schema allows', () => {
  const theme: Theme = { ...DEFAULT_THEME, radius: '0.75', font: 'source-serif' }
  const breakouts = ['#fff;}</style><script>alert(1)</script>', '#000}body{display:none}', 'red', '#12345', 'url(https://evil.example/x)', '', null, 42]

  it.each(breakouts)('a palette value %j is left out, the others stay', (bad) => {
    const brand = [...palettes.brand]
    brand[5] = bad as string
    const neutral = [...palettes.neutral]
    neutral[0] = bad as string
    const vars = declarations(themeCss(theme, { brand, neutral }))
    expect(vars.has('--color-brand-500')).toBe(false)
    expect(vars.has('--color-ink-50')).toBe(false)
    expect(vars.get('--color-brand-400')).toBe(palettes.brand[4])
    expect(vars.get('--color-ink-100')).toBe(palettes.neutral[1])
  })

  it.each(['0.5rem;}body{display:none', '1', 'inherit', '__proto__', null])('a radius %j is left out', (radius) => {
    const css = themeCss({ ...theme, radius: radius as Theme['radius'] }, palettes)
    expect(declarations(css).has('--ui-radius')).toBe(false)
  })

  it.each(['inter;}</style><script>alert(1)</script>', 'comic-sans', 'toString', '__proto__', 'constructor', undefined])('a font %j is left out', (font) => {
    const css = themeCss({ ...theme, font: font as Theme['font'] }, palettes)
    expect(declarations(css).has('--font-sans')).toBe(false)
  })

  it('whatever it is given, the result is one :root rule of variables', () => {
    const tampered = { ...theme, radius: '1;}', font: '</style>' } as unknown as Theme
    const bad = SHADES.map(() => '#fff;}</style><script>alert(1)</script>')
    expect(themeCss(tampered, { brand: bad, neutral: bad })).toBe(':root{}')
    expect(themeCss(tampered, null as unknown as ThemePalettes)).toBe(':root{}')
  })

  it('cssHex takes exactly #rrggbb, lower-cased', () => {
    expect(cssHex('#A1B2C3')).toBe('#a1b2c3')
    for (const bad of ['#a1b2c3;', ' #a1b2c3', '#a1b2c3\n', '#abc', 'a1b2c3', undefined, {}]) expect(cssHex(bad)).toBeUndefined()
  })
})
