import type { Ref } from 'vue'
import type { DefinitionProblem, WorkflowStep } from '#shared/workflows'

/**
 * What every step form of the builder needs: `set` patches the step (a new object, so the editor
 * sees the change), `at` gives the problems naming one of its fields (`steps.<id>.<field>…`).
 */
export function useStepForm<S extends WorkflowStep>(model: Ref<S>, problems: () => DefinitionProblem[]) {
  function set(patch: Partial<S> | Record<string, unknown>) {
    model.value = { ...model.value, ...patch } as S
  }
  const at = (field: string) => problems()
    .filter(p => p.path === `steps.${model.value.id}.${field}` || p.path.startsWith(`steps.${model.value.id}.${field}.`))
    .map(p => p.message).join(' ') || undefined
  return { set, at }
}
