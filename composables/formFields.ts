import type { FormSchema } from '@nuxt/ui'
import type { MaybeRefOrGetter, Ref } from 'vue'

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
  /** The fields to draw, when given as FieldSpecs; the modal's texts, when useModalForm was told them. */
  fields?: readonly FieldSpec[]
  title?: string
  description?: string
  submitLabel?: string
}

/** What a modal form is made of, for `modalFormBinding` and `useModalForm`. */
interface ModalFormParts {
  id: string
  schema?: FormSchema
  /** Field names whose API errors are shown under the field rather than above the form, or those fields as FieldSpecs. */
  fields?: MaybeRefOrGetter<readonly string[] | readonly FieldSpec[]>
  title?: MaybeRefOrGetter<string>
  description?: MaybeRefOrGetter<string | undefined>
  submitLabel?: MaybeRefOrGetter<string>
}

/** The names of `fields` (FieldSpecs or names): those whose API errors `useSubmit` puts under them. */
export function fieldNames(fields: ModalFormParts['fields']): string[] {
  return (toValue(fields) ?? []).map(f => typeof f === 'string' ? f : f.name)
}

/**
 * The `form` object of a modal whose state and `useSubmit` the component keeps itself (a form that
 * keeps what was typed when it closes); `useModalForm` builds the same for the usual dialog.
 */
export function modalFormBinding(parts: ModalFormParts & {
  state: Record<string, unknown>
  submitting: { pending: Ref<boolean>, failure: Ref<string | null>, fieldErrors: Ref<Record<string, string>> }
}): ModalFormBinding {
  return reactive({
    id: parts.id,
    // Kept raw: a reactive proxy of a zod schema breaks its read-only internals when validating.
    schema: parts.schema && markRaw(parts.schema),
    state: parts.state,
    pending: parts.submitting.pending,
    failure: parts.submitting.failure,
    fieldErrors: parts.submitting.fieldErrors,
    fields: computed(() => {
      const fields = toValue(parts.fields) ?? []
      return fields.every(f => typeof f === 'string') ? undefined : fields as readonly FieldSpec[]
    }),
    title: computed(() => toValue(parts.title)),
    description: computed(() => toValue(parts.description)),
    submitLabel: computed(() => toValue(parts.submitLabel)),
  }) as ModalFormBinding
}

/**
 * A create/edit dialog's form: its state, set afresh from `initial()` each time the modal opens
 * (the last failure cleared), the `submit` of `useSubmit`, and `form`, the one object
 * `CommonFormModal` and `CommonFormFields` take instead of six separate props. Given as FieldSpecs,
 * `fields` are also drawn by the modal; the modal's texts can come along too (`title`,
 * `description`, `submitLabel`), so its tag needs only `v-model:open`, `:form` and `@submit`.
 */
export function useModalForm<T extends Record<string, unknown>>(open: Ref<boolean>, options: ModalFormParts & { initial: () => T }) {
  const state = reactive({ ...options.initial() }) as T
  const submitting = useModalSubmit(open, () => Object.assign(state, options.initial()), { fields: fieldNames(options.fields) })
  const form = modalFormBinding({ ...options, state, submitting })
  return { ...submitting, state, form }
}
