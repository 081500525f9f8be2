/**
 * Mentions in notes: the composer writes `@[Name](member id)`; the timeline shows it as "@Name",
 * and the member named is told (kind `mention`) if they may see the record. Plain text elsewhere
 * (notifications, mails, exports) reads "@Name".
 */
const TOKEN = /@\[([^\]\n]{1,80})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/g

/** At most this many people are told about one note. */
export const MAX_MENTIONS = 20

/** A member's name as a mention holds it: no brackets or line breaks, at most 80 characters. */
export function mentionName(name: string): string {
  return name.replace(/[[\]\n]/g, ' ').trim().slice(0, 80)
}

export function mentionToken(name: string, id: string): string {
  return `@[${mentionName(name)}](${id})`
}

/** The distinct member ids a text mentions, in order, at most MAX_MENTIONS. */
export function mentionedIds(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map(m => m[2]!))].slice(0, MAX_MENTIONS)
}

/** The text with each mention as "@Name". */
export function plainMentions(text: string): string {
  return text.replace(TOKEN, (_, name: string) => `@${name}`)
}

/** The text cut into plain parts and mentions, for the timeline to draw. */
export function mentionParts(text: string): ({ text: string } | { mention: string, id: string })[] {
  const parts: ({ text: string } | { mention: string, id: string })[] = []
  let at = 0
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) })
    parts.push({ mention: m[1]!, id: m[2]! })
    at = m.index + m[0].length
  }
  if (at < text.length) parts.push({ text: text.slice(at) })
  return parts
}
