import type { CustomFieldDef } from '#shared/schemas/records'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import { WORKFLOW_TEMPLATES } from '#shared/workflow-templates'
import { definitionProblems, elseOf, STEP_TYPES, subjectType, workflowDefinitionSchema } from '#shared/workflows'
import type { DefinitionProblem, StepType, WorkflowDefinition, WorkflowDetail, WorkflowStep, WorkflowTrigger } from '#shared/workflows'

/** What the builder edits and saves. */
export interface WorkflowDraft { name: string, description: string, definition: WorkflowDefinition }
/** Where a new step goes: after the trigger, or on a step's `next` / a condition's `else`. */
export interface StepSlot { from: 'trigger' | string, branch: 'next' | 'else' }
export interface ReceiverOption { id: string, name: string }

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v))

const BLANK: WorkflowDraft = {
  name: 'Untitled workflow',
  description: '',
  definition: { trigger: { kind: 'event', event: 'deal.updated', conditions: [] }, steps: [{ id: 'notify', type: 'notify', recipients: { owner: true, userIds: [] }, title: '', body: '', next: null }] },
}

/** A draft from a template's key (`?template=`), or the blank one. */
export function draftFromTemplate(key: string | null | undefined): WorkflowDraft {
  const t = WORKFLOW_TEMPLATES.find(x => x.key === key)
  return copy(t ? { name: t.workflow.name, description: t.workflow.description, definition: t.workflow.definition } : BLANK)
}

/** A new step of `type`, with what its form needs to start from. */
export function blankStep(type: StepType, id: string, subject: RecordType | null): WorkflowStep {
  const firstField = subject ? Object.keys(RECORDS[subject].fields)[0] : null
  switch (type) {
    case 'condition': return { id, type, match: 'all', conditions: [{ field: firstField ? `record.${firstField}` : 'workspace.name', op: 'not_empty' }], next: null, else: null }
    case 'delay': return { id, type, seconds: 3600, next: null }
    case 'update_record': return { id, type, fields: {}, next: null }
    case 'create_record': return { id, type, recordType: 'tasks', fields: { title: '' }, next: null }
    case 'assign': return { id, type, mode: 'user', next: null }
    case 'notify': return { id, type, recipients: { owner: !!subject, userIds: [] }, title: '', body: '', next: null }
    case 'send_email': return { id, type, to: '', subject: '', body: '', next: null }
    case 'http_request': return { id, type, method: 'POST', url: 'https://', headers: [], body: '', next: null }
    case 'slack': return { id, type, url: 'https://hooks.slack.com/services/', text: '', next: null }
    case 'teams': return { id, type, url: 'https://', title: '', text: '', next: null }
    case 'webhook_event': return { id, type, message: '', next: null }
    case 'approval': return {
      id, type, title: subject ? 'Approve {{record.name}}' : 'Approval needed', mode: 'sequential', allowSelfApproval: false, escalateTo: [], next: null, else: null,
      levels: [{ approvers: { userIds: [], roleKeys: [], teamIds: [], ownerTeamLeads: !!subject }, quorum: 'any' }],
    }
  }
}

/** A step id not yet taken: the type, then type_2, type_3, … */
export function freeStepId(steps: WorkflowStep[], type: StepType): string {
  const taken = new Set(steps.map(s => s.id))
  if (!taken.has(type)) return type
  let n = 2
  while (taken.has(`${type}_${n}`)) n++
  return `${type}_${n}`
}

/** The steps that always run before `id` (every path from the first step to it passes them). */
export function stepsBefore(def: WorkflowDefinition, id: string): WorkflowStep[] {
  const byId = new Map(def.steps.map(s => [s.id, s]))
  const preds = new Map<string, string[]>()
  for (const s of def.steps) {
    for (const to of [s.next, elseOf(s)]) if (to) preds.set(to, [...(preds.get(to) ?? []), s.id])
  }
  const found = new Set<string>()
  const walk = (at: string) => {
    for (const p of preds.get(at) ?? []) {
      if (found.has(p) || p === id) continue
      found.add(p)
      walk(p)
    }
  }
  walk(id)
  return def.steps.filter(s => found.has(s.id) && byId.has(s.id))
}

/** zod's issue paths (`steps.1.title`) with the step's id in place of its index, as the server names them. */
function shapeProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const parsed = workflowDefinitionSchema.safeParse(def)
  if (parsed.success) return []
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String)
    if (path[0] === 'steps' && path[1] !== undefined && /^\d+$/.test(path[1])) path[1] = def.steps[Number(path[1])]?.id ?? path[1]
    const empty = issue.code === 'too_small' && (issue as { origin?: string }).origin === 'string'
    return { path: path.join('.'), message: empty ? 'Fill this in' : issue.message }
  })
}

/** The problems that belong to a node: `trigger…` for the trigger, `steps.<id>…` for a step. */
export function problemsOf(problems: DefinitionProblem[], node: string): DefinitionProblem[] {
  if (node === 'trigger') return problems.filter(p => p.path === 'trigger' || p.path.startsWith('trigger.'))
  return problems.filter(p => p.path === `steps.${node}` || p.path.startsWith(`steps.${node}.`))
}

/**
 * One workflow in the builder: the draft (a template's, or the saved one's), its problems as the
 * person edits (the definition's own checks, run here, plus the last save's refusal until the
 * next change), the graph edits (add, remove, connect), save (POST, then PUT), the on/off switch,
 * and a dirty flag for the leave guard.
 */
export async function useWorkflowEditor(id: string | null, templateKey: string | null) {
  const tenant = useTenant()
  const toast = useToast()
  const can = useCan()
  const canWrite = computed(() => can('workflows:write'))
  // Every fetch starts before the first await (a composable loses the Nuxt instance after one).
  const loaded = id ? useFetch<WorkflowDetail>(`/api/workflows/${id}`, { key: `workflow:${tenant.value?.id}:${id}` }) : null
  const custom = useFetch<CustomFieldDef[]>('/api/custom-fields', { key: `custom-fields:${tenant.value?.id}:all`, default: () => [] })
  // Incoming webhooks, for the trigger's picker; people without webhooks:admin type the id instead.
  const receivers = useFetch<ReceiverOption[]>('/api/webhooks/receivers', { key: `webhook-receivers:${tenant.value?.id}`, default: () => [], server: false, immediate: can('webhooks:admin') })
  const scope = getCurrentScope()
  await Promise.all([loaded, custom])
  const customFields = custom.data
  const workflow = ref<WorkflowDetail | null>(loaded?.data.value ?? null)

  const draftOf = (w: WorkflowDetail): WorkflowDraft => copy({ name: w.name, description: w.description, definition: w.definition })
  const draft = ref<WorkflowDraft>(workflow.value ? draftOf(workflow.value) : draftFromTemplate(templateKey))
  const snapshot = ref(id ? JSON.stringify(draft.value) : '')
  const dirty = computed(() => JSON.stringify(draft.value) !== snapshot.value)
  const saving = ref(false)
  const switching = ref(false)
  const selected = ref<string | null>(null)
  const serverProblems = ref<DefinitionProblem[]>(workflow.value?.problems ?? [])

  const def = computed(() => draft.value.definition)
  const subject = computed(() => subjectType(def.value.trigger))
  const context = computed(() => {
    const custom: Partial<Record<RecordType, string[]>> = {}
    for (const f of customFields.value) (custom[f.recordType] ??= []).push(f.key)
    return { customFields: custom, receiverIds: receivers.status.value === 'success' ? receivers.data.value.map(r => r.id) : undefined }
  })
  const problems = computed<DefinitionProblem[]>(() => {
    const shape = shapeProblems(def.value)
    let semantic: DefinitionProblem[] = []
    try {
      semantic = definitionProblems(def.value, context.value)
    }
    catch {
      // A half-made step the shape check already names.
    }
    const seen = new Set<string>()
    return [...shape, ...semantic, ...serverProblems.value].filter((p) => {
      const key = `${p.path}\n${p.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  })
  // A change makes the last save's refusal stale: the live checks take over. (In the component's
  // scope, which the await above left, so the watcher ends with the page.)
  scope?.run(() => watch(draft, () => {
    if (serverProblems.value.length) serverProblems.value = []
  }, { deep: true }))

  const step = (stepId: string) => def.value.steps.find(s => s.id === stepId)

  function addStep(slot: StepSlot, type: StepType): string {
    const steps = def.value.steps
    const created = blankStep(type, freeStepId(steps, type), subject.value)
    if (slot.from === 'trigger') {
      created.next = steps[0]?.id ?? null
      steps.unshift(created)
    }
    else {
      const from = step(slot.from)
      if (!from) return ''
      const forks = from.type === 'condition' || from.type === 'approval'
      const target = slot.branch === 'else' && forks ? from.else : from.next
      created.next = target ?? null
      if (slot.branch === 'else' && forks) from.else = created.id
      else from.next = created.id
      steps.splice(steps.indexOf(from) + 1, 0, created)
    }
    def.value.layout = undefined
    selected.value = created.id
    return created.id
  }

  /** Removes a step; what led to it now leads to what came after it (a condition's "yes" side first). */
  function removeStep(stepId: string) {
    const steps = def.value.steps
    const gone = step(stepId)
    if (!gone || steps.length < 2) return
    const after = gone.next ?? elseOf(gone) ?? null
    for (const s of steps) {
      if (s.next === stepId) s.next = after
      if ((s.type === 'condition' || s.type === 'approval') && s.else === stepId) s.else = after
    }
    const wasFirst = steps[0] === gone
    steps.splice(steps.indexOf(gone), 1)
    if (wasFirst && after) {
      const i = steps.findIndex(s => s.id === after)
      if (i > 0) steps.unshift(...steps.splice(i, 1))
    }
    def.value.layout = undefined
    if (selected.value === stepId) selected.value = null
  }

  /** A drawn connection: the trigger's makes its target the first step; a step's sets `next` (or a condition's `else`). */
  function connect(source: string, handle: string | null | undefined, target: string) {
    if (source === target || target === 'trigger') return
    const steps = def.value.steps
    if (source === 'trigger') {
      const i = steps.findIndex(s => s.id === target)
      if (i > 0) steps.unshift(...steps.splice(i, 1))
      return
    }
    const from = step(source)
    if (!from) return
    if (handle === 'else' && (from.type === 'condition' || from.type === 'approval')) from.else = target
    else from.next = target
  }

  function setTrigger(trigger: WorkflowTrigger) {
    def.value.trigger = trigger
  }
  function replaceStep(next: WorkflowStep) {
    const i = def.value.steps.findIndex(s => s.id === next.id)
    if (i >= 0) def.value.steps.splice(i, 1, next)
  }
  function moveNode(nodeId: string, x: number, y: number) {
    def.value.layout = { ...def.value.layout, [nodeId]: { x: Math.round(x), y: Math.round(y) } }
  }
  function tidy() {
    def.value.layout = undefined
  }

  function failed(e: unknown, title: string) {
    const issues = apiIssues(e)
    serverProblems.value = issues
    const first = issues[0]
    toast.add({ title, description: first ? first.message : errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    if (first) {
      const m = /^steps\.([^.]+)/.exec(first.path)
      selected.value = first.path.startsWith('trigger') ? 'trigger' : m?.[1] ?? selected.value
    }
  }

  /** POST the first time (then the address becomes the workflow's), PUT after; false when refused. */
  async function save(): Promise<boolean> {
    saving.value = true
    try {
      const body = copy(draft.value)
      const current = workflow.value
      const saved = current
        ? await $fetch<WorkflowDetail>(`/api/workflows/${current.id}`, { method: 'PUT', body })
        : await $fetch<WorkflowDetail>('/api/workflows', { method: 'POST', body })
      workflow.value = saved
      snapshot.value = JSON.stringify(draft.value)
      serverProblems.value = []
      toast.add({ title: current ? `Saved as version ${saved.version}` : 'Workflow saved', description: current ? undefined : 'It is off until you switch it on.', color: 'success', icon: 'i-lucide-check' })
      if (!current) await navigateTo(`/automation/${saved.id}`, { replace: true })
      return true
    }
    catch (e) {
      failed(e, 'The workflow was not saved')
      return false
    }
    finally {
      saving.value = false
    }
  }

  async function setEnabled(enabled: boolean) {
    const current = workflow.value
    if (!current) return
    switching.value = true
    try {
      workflow.value = await $fetch<WorkflowDetail>(`/api/workflows/${current.id}/enable`, { method: 'POST', body: { enabled } })
      toast.add({ title: enabled ? 'Workflow switched on' : 'Workflow switched off', color: 'success', icon: 'i-lucide-check' })
    }
    catch (e) {
      failed(e, enabled ? 'The workflow could not be switched on' : 'The workflow could not be switched off')
    }
    finally {
      switching.value = false
    }
  }

  return {
    workflow, error: loaded?.error ?? ref(null), draft, def, subject, dirty, saving, switching, selected, problems, receivers, customFields, canWrite,
    addStep, removeStep, connect, setTrigger, replaceStep, moveNode, tidy, save, setEnabled,
    stepTypes: STEP_TYPES,
  }
}

export type WorkflowEditor = Awaited<ReturnType<typeof useWorkflowEditor>>
