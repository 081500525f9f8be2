import { AsyncLocalStorage } from 'node:async_hooks'

// Counts the SQL statements sent inside one async call tree (e.g. one tenant resolution), so
// the "a warm lookup runs no SQL" promise can be observed from outside via Server-Timing.
const counter = new AsyncLocalStorage<{ count: number }>()

/** Called by the Drizzle logger for every statement. */
export function noteQuery(): void {
  const store = counter.getStore()
  if (store) store.count++
}

/** Runs `fn` and reports how many SQL statements it sent. */
export async function countingQueries<T>(fn: () => Promise<T>): Promise<{ result: T, queries: number }> {
  const store = { count: 0 }
  const result = await counter.run(store, fn)
  return { result, queries: store.count }
}
