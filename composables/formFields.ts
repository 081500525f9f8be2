import type { FormSchema } from '@nuxt/ui'
import type { Ref } from 'vue'

/** One field of a form described as data: `CommonFormFields` draws the label, control and help. */
export interface FieldSpec {
  /** The key in the form's state, and the name its schema reports errors under. */
  name: string
  label: string
  /** The control: a text input of that type (default `text`), a textarea, a select or a switch. */
  type?: 'text' | 'email' | 'url' | 'tel' | 'password' | 'number' | 'textarea' | 'select' | 'switch'
  required?: boolean
  placeholder?: string
  /** A line under the label. */
  description?: string
  /** A line under the control. */
  help?: string
  /** The choices of a select. */
  items?: readonly { label: string, value: string | number }[]
  autocomplete?: string
  autofocus?: boolean
  disabled?: boolean
  /** A textarea's height in rows. */
  rows?: number
  /** data-testid of the control. */
  testid?: string
  /** A word at the label's right (UFormField's hint: "Available"). */
  hint?: string
  /** An error the page found itself (an address taken); the API's error for the field comes first. */
  error?: string
  /** More attributes or listeners for the control (`maxrows`, `onInput`); a `class` adds to its own. */
  attrs?: Record<string, unknown>
}

/** What `CommonFormModal` needs of a form (its `form` prop); `useModalForm` makes it. */
export interface ModalFormBinding {
  id: string
  schema?: FormSchema
  state: Record<string, unknown>
  pending: boolean
  failure: string | null
  fieldErrors: Record<string, string>
}

/**
 * A create/edit dialog's form: its state, set afresh from `initial()` each time the modal opens
 * (the last failure cleared), the `submit` of `useSubmit`, and `form`, the one object
 * `CommonFormModal` and `CommonFormFields` take instead of six separate props.
 */
export function useModalForm<T extends Record<string, unknown>>(open: Ref<boolean>, options: {
  id: string
  schema?: FormSchema
  initial: () => T
  /** Field names whose API errors are shown under the field rather than above the form. */
  fields?: readonly string[]
}) {
  const state = reactive({ ...options.initial() }) as T
  const submitting = useModalSubmit(open, () => Object.assign(state, options.initial()), { fields: options.fields })
  const form = reactive({
    id: options.id,
    schema: options.schema,
    state,
    pending: submitting.pending,
    failure: submitting.failure,
    fieldErrors: submitting.fieldErrors,
  }) as ModalFormBinding
  return { ...submitting, state, form }
}
