/**
 * A list's create/edit modal: the row it is open on (`editing`, null for a new one), whether it is
 * open (`editorOpen`, its v-model:open), and `edit(row)` to open it on a row or on nothing.
 */
export function useEditorOpen<T>() {
  const editing = shallowRef<T | null>(null)
  const editorOpen = ref(false)
  function edit(row: T | null) {
    editing.value = row
    editorOpen.value = true
  }
  return { editing, editorOpen, edit }
}
