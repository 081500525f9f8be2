import { z } from 'zod'

// Building blocks every schema uses where the database sets a bound the type alone does not:
// integer columns hold 32 bits, and an update has to change something.

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647

/** A whole number that fits an `integer` column, 0 and up unless `min` says otherwise. */
export const int4 = (message = 'must be a whole number', min = 0) =>
  z.int(message).min(min, min === 0 ? 'must be 0 or more' : `must be at least ${min}`).max(INT4_MAX, 'is too large')

/** The version an editor read (409 STALE when it moved on); an integer column. */
export const versionSchema = z.int('must be the version you read').min(1, 'must be the version you read').max(INT4_MAX, 'must be the version you read')

/**
 * An update body must change something: `{}` (or only `version`) is refused with a clear 400
 * rather than reaching the database as an update with nothing to set.
 */
export function somethingToChange<T extends z.ZodObject>(schema: T, besides: readonly string[] = ['version']): T {
  return schema.refine(
    value => Object.entries(value as Record<string, unknown>).some(([key, v]) => v !== undefined && !besides.includes(key)),
    { message: 'names nothing to change: send at least one field', path: [] },
  ) as unknown as T
}
