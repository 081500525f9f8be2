import type { Ref } from 'vue'
import type { DefinitionProblem, WorkflowStep } from '#shared/workflows'

/**
 * What every step form of the builder needs: `set` patches the step (a new object, so the editor
 * sees the change), `at` gives the problems naming one of its fields (`steps.<id>.<field>…`), and
 * `field` binds a text field to one key of the step (`v-bind="field('subject')"`: its value, its
 * problems, and the patch on input).
 */
export function useStepForm<S extends WorkflowStep>(model: Ref<S>, problems: () => DefinitionProblem[]) {
  function set(patch: Partial<S> | Record<string, unknown>) {
    model.value = { ...model.value, ...patch } as S
  }
  const at = (field: string) => problems()
    .filter(p => p.path === `steps.${model.value.id}.${field}` || p.path.startsWith(`steps.${model.value.id}.${field}.`))
    .map(p => p.message).join(' ') || undefined
  const field = (key: string) => ({
    'modelValue': String((model.value as Record<string, unknown>)[key] ?? ''),
    'error': at(key),
    'onUpdate:modelValue': (v: string) => set({ [key]: v }),
  })
  return { set, at, field }
}
