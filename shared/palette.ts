import { clampChroma, converter, formatHex } from 'culori'
import type { Palette, Theme, ThemePalettes } from './theme'

const toOklch = converter('oklch')

// Tailwind's own lightness ladder (oklch L) and a chroma curve that fades toward both ends.
const LADDER = [0.985, 0.967, 0.922, 0.87, 0.708, 0.556, 0.439, 0.371, 0.269, 0.205, 0.145]
const CHROMA = [0.12, 0.25, 0.45, 0.7, 0.9, 1, 0.95, 0.88, 0.78, 0.66, 0.5]
const ANCHOR = 5 // shade 500 is the tenant's colour, exactly
const LIGHTEST = 0.985
const DARKEST = 0.16

/**
 * Eleven shades (50…950) from one hex colour: the colour itself at 500, lighter and darker
 * shades spaced like Tailwind's palettes in OKLCH, kept inside the sRGB gamut.
 */
export function paletteFromHex(hex: string): Palette {
  const base = toOklch(hex)
  if (!base) throw new Error(`Not a colour: ${hex}`)
  const l = base.l
  const c = base.c ?? 0
  const h = base.h ?? 0
  const anchorL = LADDER[ANCHOR]!
  // A colour beyond the usual ends (black, white) keeps the ends where it is, so shades never reverse.
  const lightest = Math.max(LIGHTEST, l)
  const darkest = Math.min(DARKEST, l)
  return LADDER.map((ladderL, i) => {
    if (i === ANCHOR) return formatHex(base)
    // Place each shade at the same relative distance from the brand colour as Tailwind does.
    const lightness = i < ANCHOR
      ? l + (lightest - l) * ((ladderL - anchorL) / (LADDER[0]! - anchorL))
      : l - (l - darkest) * ((anchorL - ladderL) / (anchorL - LADDER.at(-1)!))
    const chroma = c * (CHROMA[i]! / CHROMA[ANCHOR]!)
    return formatHex(clampChroma({ mode: 'oklch', l: lightness, c: chroma, h }, 'oklch'))
  })
}

/** Palettes for Nuxt UI's `brand` (primary) and `ink` (neutral) colours. */
export function themePalettes(theme: Theme): ThemePalettes {
  return { brand: paletteFromHex(theme.primary), neutral: paletteFromHex(theme.neutral) }
}
