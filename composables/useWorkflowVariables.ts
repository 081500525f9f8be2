import { eventDef } from '#shared/events'
import { RECORDS } from '#shared/records'
import type { FieldDef } from '#shared/records'
import type { CustomFieldDef } from '#shared/schemas/records'
import { STEP_TYPES, subjectType } from '#shared/workflows'
import type { WorkflowDefinition } from '#shared/workflows'

/** One insertable variable: its path (`record.name`) and how the chip reads. */
export interface WorkflowVariable { path: string, label: string }
export interface WorkflowVariableGroup { label: string, items: WorkflowVariable[] }

/** The parts of an event's data a template may name as `trigger.<key>` (the record is `record.`). */
function triggerKeys(def: WorkflowDefinition): string[] {
  const t = def.trigger
  if (t.kind === 'webhook') return ['payload', 'receiverName', 'messageId']
  if (t.kind !== 'event') return []
  const shape = (eventDef(t.event)?.data as { shape?: Record<string, unknown> } | undefined)?.shape ?? {}
  return Object.keys(shape).filter(k => k !== 'recordType' && k !== 'record')
}

/**
 * What a step's templates may use, in groups: the record's fields (custom ones too), the trigger's
 * data, the outputs of the steps that run before it (`before`), and the workspace, run and time.
 * `stepId` null is the trigger's own conditions.
 */
export function workflowVariables(def: WorkflowDefinition, before: string[], customFields: CustomFieldDef[]): WorkflowVariableGroup[] {
  const groups: WorkflowVariableGroup[] = []
  const subject = subjectType(def.trigger)
  if (subject) {
    const fields = RECORDS[subject].fields as Record<string, FieldDef>
    groups.push({
      label: RECORDS[subject].singular,
      items: [
        { path: 'record.id', label: 'ID' },
        ...Object.entries(fields).map(([key, f]) => ({ path: `record.${key}`, label: f.label })),
        ...customFields.filter(f => f.recordType === subject).map(f => ({ path: `record.custom.${f.key}`, label: f.label })),
      ],
    })
  }
  const trigger = triggerKeys(def)
  if (trigger.length) groups.push({ label: 'Trigger', items: trigger.map(k => ({ path: `trigger.${k}`, label: k })) })
  const steps = def.steps.filter(s => before.includes(s.id))
  if (steps.length) {
    groups.push({
      label: 'Earlier steps',
      items: steps.flatMap(s => STEP_TYPES[s.type].outputs.map(o => ({ path: `steps.${s.id}.${o}`, label: `${s.id}.${o}` }))),
    })
  }
  groups.push({ label: 'Workspace and run', items: [{ path: 'workspace.name', label: 'Workspace name' }, { path: 'run.id', label: 'Run ID' }, { path: 'now', label: 'Now' }] })
  return groups
}
