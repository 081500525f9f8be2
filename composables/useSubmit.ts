/**
 * The one way a form talks to the API: `pending` while it runs, the API's message in `failure`
 * when it fails (shown above the form), nothing thrown to the page.
 */
export function useSubmit() {
  const pending = ref(false)
  const failure = ref<string | null>(null)

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    failure.value = null
    pending.value = true
    try {
      return await action()
    }
    catch (error) {
      failure.value = errorMessage(error)
      return undefined
    }
    finally {
      pending.value = false
    }
  }

  return { pending, failure, submit }
}
