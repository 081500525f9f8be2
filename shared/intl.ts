/**
 * Intl formatters made once per locale and options and then reused. Making one costs far more
 * than formatting with it (locale data is looked up and resolved each time), and a page formats
 * hundreds of values: a board of deals made thousands of formatters per render before. They hold
 * no state, so server requests share them safely. Each cache is bounded: past `MAX` kinds it
 * starts again (the set in real use is small: a workspace's locale, currencies and time zones).
 */
const MAX = 500

function memo<T>(make: (locale: string, options: object) => T) {
  const made = new Map<string, T>()
  return (locale: string, options: object = {}): T => {
    const key = `${locale}\u0000${JSON.stringify(options)}`
    let found = made.get(key)
    if (!found) {
      if (made.size >= MAX) made.clear()
      found = make(locale, options)
      made.set(key, found)
    }
    return found
  }
}

export const numberFormat: (locale: string, options?: Intl.NumberFormatOptions) => Intl.NumberFormat = memo((l, o) => new Intl.NumberFormat(l, o))
export const dateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) => Intl.DateTimeFormat = memo((l, o) => new Intl.DateTimeFormat(l, o))
export const relativeTimeFormat: (locale: string, options?: Intl.RelativeTimeFormatOptions) => Intl.RelativeTimeFormat = memo((l, o) => new Intl.RelativeTimeFormat(l, o))
