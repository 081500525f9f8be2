import { z } from 'zod'

/** Fonts a tenant may choose; each maps to a locally bundled font stack (no font CDN). */
export const THEME_FONTS = {
  'inter': '\'Inter Variable\', ui-sans-serif, system-ui, sans-serif',
  'manrope': '\'Manrope Variable\', ui-sans-serif, system-ui, sans-serif',
  'source-serif': '\'Source Serif 4 Variable\', ui-serif, Georgia, serif',
  'system': 'ui-sans-serif, system-ui, -apple-system, \'Segoe UI\', sans-serif',
} as const

export type ThemeFont = keyof typeof THEME_FONTS

/** Corner radii offered to tenants (rem); a fixed list keeps every value safe to print into CSS. */
export const THEME_RADII = ['0', '0.125', '0.25', '0.375', '0.5', '0.75'] as const

const hex = z.string()
  .regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour like #1a2b3c')
  .transform(v => v.toLowerCase())

// Brand assets are referenced by path on our own origin; no scheme, no query, no markup.
const assetPath = z.string()
  .max(200)
  .regex(/^\/(?!\/)[\w\-./]+\.(svg|png|webp|jpe?g|ico)$/i, 'must be a path to an image on this site')
  .refine(v => !v.includes('..'), 'must not contain ".."')

/**
 * A tenant's theme. Stored as JSON and validated with this one schema everywhere,
 * so nothing but hex colours, listed keywords and asset paths can reach CSS or HTML.
 */
const themeFields = {
  primary: hex,
  neutral: hex,
  radius: z.enum(THEME_RADII),
  font: z.enum(Object.keys(THEME_FONTS) as [ThemeFont, ...ThemeFont[]]),
  colorMode: z.enum(['light', 'dark', 'system']),
  logo: assetPath.nullable(),
  logoDark: assetPath.nullable(),
  favicon: assetPath.nullable(),
  /** The sign-in page's headline under the logo. */
  loginHeadline: z.string().trim().max(120, 'must be at most 120 characters').nullable(),
  /** An image behind the sign-in card. */
  loginBackground: assetPath.nullable(),
  /** Hide the "powered by" line; only honoured where the plan includes `remove_branding`. */
  hidePoweredBy: z.boolean(),
}

export const themeSchema = z.object({
  ...themeFields,
  // Added after the first release: stored themes without them read as the defaults.
  loginHeadline: themeFields.loginHeadline.default(null),
  loginBackground: themeFields.loginBackground.default(null),
  hidePoweredBy: themeFields.hidePoweredBy.default(false),
}).strict()

/**
 * Any subset of the theme's fields, for a patch. No defaults here: a field left out of a patch
 * must keep its stored value, not be reset to the default.
 */
export const themePatchSchema = z.object(themeFields).partial().strict()

export type Theme = z.infer<typeof themeSchema>

export const DEFAULT_THEME: Theme = {
  primary: '#4f46e5',
  neutral: '#64748b',
  radius: '0.375',
  font: 'inter',
  colorMode: 'system',
  logo: null,
  logoDark: null,
  favicon: null,
  loginHeadline: null,
  loginBackground: null,
  hidePoweredBy: false,
}

export const SHADES = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const

/** Eleven hex values, one per shade in SHADES order. */
export type Palette = string[]

export interface ThemePalettes {
  brand: Palette
  neutral: Palette
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i

/**
 * A value about to be printed into CSS (or a style attribute) as a colour: exactly `#rrggbb`,
 * else undefined. The render-time half of the theme's checks, for values that did not come
 * straight out of `themeSchema` (palettes computed from it, a cached profile).
 */
export function cssHex(value: unknown): string | undefined {
  return typeof value === 'string' && HEX_COLOUR.test(value) ? value.toLowerCase() : undefined
}

/**
 * The CSS a tenant's theme contributes to the SSR head: palette variables for Nuxt UI's
 * `brand` and `ink` colours, radius and font — and nothing else.
 *
 * Defence in depth: the theme is validated when written (`themePatchSchema`/`themeSchema`) and
 * when loaded, and every value is checked once more here, where it becomes CSS: a hex colour,
 * a listed radius, a listed font, or it is dropped (its default from main.css applies). A bad
 * value that slipped in some other way (written straight into the database, a poisoned cache
 * entry) can never end the `:root{…}` rule, the `<style>` element or the page's head.
 */
export function themeCss(theme: Theme, palettes: ThemePalettes): string {
  const vars: string[] = []
  SHADES.forEach((shade, i) => {
    const brand = cssHex(palettes?.brand?.[i])
    const ink = cssHex(palettes?.neutral?.[i])
    if (brand) vars.push(`--color-brand-${shade}:${brand}`)
    if (ink) vars.push(`--color-ink-${shade}:${ink}`)
  })
  if ((THEME_RADII as readonly unknown[]).includes(theme?.radius)) vars.push(`--ui-radius:${theme.radius}rem`)
  const font = themeFontStack(theme?.font)
  if (font) vars.push(`--font-sans:${font}`)
  return `:root{${vars.join(';')}}`
}

/** The font stack of a listed font; undefined for anything else (never a lookup on the prototype). */
export function themeFontStack(font: unknown): string | undefined {
  return typeof font === 'string' && Object.hasOwn(THEME_FONTS, font) ? THEME_FONTS[font as ThemeFont] : undefined
}
