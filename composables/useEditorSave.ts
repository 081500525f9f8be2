import type { Ref } from 'vue'

/**
 * An editor modal's save, run inside useSubmit's `submit`: PATCH `url/id` when it edits a row
 * (`id` given), else POST `url`; then the success toast `done`, the modal closed and `onSaved`.
 */
export function useEditorSave(open: Ref<boolean>, onSaved: () => void) {
  const toast = useToast()
  return async (url: string, id: string | undefined, body: Record<string, unknown>, done: string) => {
    if (id) await $fetch(`${url}/${id}`, { method: 'PATCH', body })
    else await $fetch(url, { method: 'POST', body })
    toast.add({ title: done, color: 'success', icon: 'i-lucide-check' })
    open.value = false
    onSaved()
  }
}
