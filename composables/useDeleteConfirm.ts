import type { DeleteRequest } from './confirmDelete'

/**
 * The row a list is about to delete, and the props of its `CommonConfirmDelete` (the same
 * `DeleteRequest` a dialog takes as `v-model:request`, made from the row): `ask(row)` opens
 * the confirmation, closing it clears the row; `v-bind="deleting.props"` wires the dialog in one go.
 * The texts stay those of the last row asked about, so the dialog does not change as it closes.
 */
export function useDeleteConfirm<T>(text: (row: T) => DeleteRequest) {
  const target = shallowRef<T | null>(null)
  const last = shallowRef<T | null>(null)
  const props = computed(() => ({
    ...(last.value ? text(last.value) : { title: '', description: '', confirmLabel: '', done: '' }),
    endpoint: target.value ? text(target.value).endpoint : null,
    onClose: () => {
      target.value = null
    },
  }))
  return reactive({
    target,
    props,
    ask: (row: T) => {
      target.value = row
      last.value = row
    },
  })
}
