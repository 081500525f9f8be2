/**
 * Opaque cursors of keyset pages: the last row's sort values (a time in its exact text form, a
 * name, an id), so rows written while a client pages never repeat or shift a page. A cursor that
 * is not one answers 400 naming `cursor`.
 */
export const keysetCursor = {
  encode: (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url'),
  decode(cursor: string, check: (values: string[]) => boolean): string[] {
    try {
      const values = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown
      if (Array.isArray(values) && values.every(v => typeof v === 'string') && check(values)) return values
    }
    catch { /* answered below */ }
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid query: cursor is not a cursor of this list', [{ path: 'cursor', message: 'is not a cursor of this list' }])
  },
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `[time as text, id]`: the cursor of a newest-first list. */
export const isTimeAndId = (v: string[]) => v.length === 2 && !Number.isNaN(Date.parse(v[0]!)) && UUID.test(v[1]!)
/** `[name, id]`: the cursor of a list by name. */
export const isNameAndId = (v: string[]) => v.length === 2 && v[0]!.length <= 500 && UUID.test(v[1]!)
