import type { Ref } from 'vue'

/**
 * A modal form's `useSubmit`, started afresh each time the modal opens: the last failure is
 * cleared, then `onOpen` sets the fields from what is being edited.
 */
export function useModalSubmit(open: Ref<boolean>, onOpen: () => void, options: { fields?: readonly string[] } = {}) {
  const submitting = useSubmit(options)
  watch(open, (isOpen) => {
    if (!isOpen) return
    submitting.reset()
    onOpen()
  })
  return submitting
}
