import { imageSize } from 'image-size'
import type { ImageType } from '#shared/schemas/branding'

/** The file type its first bytes show, whatever name or Content-Type came with it. */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))) return 'png'
  if (data.length >= 3 && data[0] === 0xFF && data[1] === 0xD8 && data[2] === 0xFF) return 'jpeg'
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  // SVG is text: an optional BOM, XML declaration, comments and doctype, then the <svg> root.
  const head = data.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '')
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'svg'
  return null
}

/** Width and height in pixels (SVG: from width/height or the viewBox), or null when unreadable. */
export function imageDimensions(data: Buffer): { width: number, height: number } | null {
  try {
    const size = imageSize(data)
    return size.width && size.height ? { width: Math.round(size.width), height: Math.round(size.height) } : null
  }
  catch {
    return null
  }
}

const LOCAL_REFERENCE = /^\s*#/
const URL_REFERENCE = /url\(\s*['"]?\s*(?!#)/i

/**
 * An SVG with nothing that runs or fetches: no scripts, event handlers, foreignObject, styles
 * sheets, or references outside the file (href and url() may only point at `#fragments`).
 * Returns the clean markup and what had to go; the caller refuses a file that lost anything.
 */
export async function sanitizeSvg(svg: string): Promise<{ clean: string, removed: string[] }> {
  const removed: string[] = []
  const flagged = new Set<string>()
  // Loaded when an SVG comes in, not at start: it brings a whole DOM (jsdom), tens of MB that
  // every instance would otherwise hold for a rare upload.
  const { default: purify } = await import('isomorphic-dompurify')
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase()
    if ((name === 'href' || name === 'xlink:href') && !LOCAL_REFERENCE.test(data.attrValue)) {
      removed.push(`${name}="${data.attrValue.slice(0, 60)}"`)
      flagged.add(name)
      data.keepAttr = false
    }
    else if (URL_REFERENCE.test(data.attrValue)) {
      removed.push(`${name} with an external url()`)
      flagged.add(name)
      data.keepAttr = false
    }
  })
  // The prolog (XML declaration, doctype, comments before the root) carries nothing an image needs.
  const body = svg.replace(/^\uFEFF/, '').replace(/^\s*(<\?xml[^>]*>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->|\s)*/i, '')
  try {
    const clean = purify.sanitize(body, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ['style', 'foreignObject', 'script'],
      // <use> is common in exported logos; the href rule above keeps it to this file's own shapes.
      ADD_TAGS: ['use'],
      NAMESPACE: 'http://www.w3.org/2000/svg',
    }) as string
    for (const item of purify.removed as { element?: Element, attribute?: Attr | null }[]) {
      if (item.attribute) {
        if (!flagged.has(item.attribute.name.toLowerCase())) removed.push(`attribute ${item.attribute.name}`)
      }
      // DOMPurify reports the <template> it parses into; that is its own, not the file's.
      else if (item.element && item.element.nodeName.toLowerCase() !== 'template') removed.push(`<${item.element.nodeName.toLowerCase()}>`)
    }
    return { clean, removed: [...new Set(removed)] }
  }
  finally {
    purify.removeHook('uponSanitizeAttribute')
  }
}
