import type { WatchSource } from 'vue'

/**
 * Calls `refresh` every `ms` milliseconds while `busy` holds (an export being built), in the
 * browser only; stops as soon as it no longer holds, and when the component goes.
 */
export function usePollWhile(busy: WatchSource<boolean>, refresh: () => unknown, ms: number) {
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  watch(busy, (on) => {
    stop()
    if (on && import.meta.client) timer = setInterval(() => refresh(), ms)
  }, { immediate: true })
  onBeforeUnmount(stop)
}
