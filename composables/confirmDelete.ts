/**
 * A "Delete X?" question for `CommonConfirmDelete` (its `v-model:request`), as one object: where
 * DELETE goes, the question, what it does, the button and the toast once done. `null` when
 * nothing is being asked.
 */
export interface DeleteRequest {
  endpoint: string
  title: string
  description: string
  confirmLabel: string
  done: string
}
