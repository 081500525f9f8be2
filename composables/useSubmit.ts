/**
 * The one way a form talks to the API: `pending` while it runs, the API's message in `failure`
 * when it fails (shown above the form), nothing thrown to the page. With `fields`, an error that
 * names one of them (`data.issues`) lands in `fieldErrors` instead, to be shown under that field.
 */
export function useSubmit(options: { fields?: readonly string[], toastFailure?: boolean } = {}) {
  // Actions with no form to show an error in (buttons on a page) say it in a toast instead.
  const toast = options.toastFailure ? useToast() : null
  const pending = ref(false)
  const failure = ref<string | null>(null)
  const fieldErrors = ref<Record<string, string>>({})

  /** Forgets the last failure (a modal does this when it opens again). */
  function reset() {
    failure.value = null
    fieldErrors.value = {}
  }

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    reset()
    pending.value = true
    try {
      return await action()
    }
    catch (error) {
      const named: Record<string, string> = {}
      for (const issue of apiIssues(error)) {
        if (options.fields?.includes(issue.path) && !(issue.path in named)) named[issue.path] = issue.message
      }
      fieldErrors.value = named
      failure.value = Object.keys(named).length ? null : errorMessage(error)
      if (failure.value) toast?.add({ title: failure.value, color: 'error', icon: 'i-lucide-circle-alert' })
      return undefined
    }
    finally {
      pending.value = false
    }
  }

  return { pending, failure, fieldErrors, submit, reset }
}
