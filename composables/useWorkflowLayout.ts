import { elseOf } from '#shared/workflows'
import type { WorkflowDefinition, WorkflowStep } from '#shared/workflows'

/** Steps with two ways on: a condition (yes / no) and an approval (approved / rejected). */
export function forksIn(step: WorkflowStep): boolean {
  return step.type === 'condition' || step.type === 'approval'
}

/** The tags of a forking step's two ways. */
export function branchTags(step: WorkflowStep): { next: string, else: string } | null {
  if (step.type === 'condition') return { next: 'Yes', else: 'No' }
  if (step.type === 'approval') return { next: 'Approved', else: 'Rejected' }
  return null
}

/** A node's box on the canvas and the gaps between rows and columns. */
export const NODE_WIDTH = 264
export const NODE_HEIGHT = 84
/** The round "+" at the end of a branch that has no step yet. */
export const ADD_SIZE = 36
const ADD_GAP = 36
const ROW_GAP = 64
const COL_GAP = 40
const ROW = NODE_HEIGHT + ROW_GAP
const COL = NODE_WIDTH + COL_GAP

export interface Position { x: number, y: number }

/** Where a step goes next: its `next`, then (a condition) its `else`, as [pointer, target]. */
export function successors(step: WorkflowStep): ['next' | 'else', string][] {
  const out: ['next' | 'else', string][] = []
  if (step.next) out.push(['next', step.next])
  const other = elseOf(step)
  if (other) out.push(['else', other])
  return out
}

/**
 * Places the trigger and every step, layered: a step's row is the longest path to it from the
 * first step (so a step two branches meet at sits below both), and each step is given a span of
 * columns as wide as what hangs under it (a condition's "yes" side at the left, its "no" side at
 * the right; an empty branch keeps one column free for its "+" button). Steps nothing leads to go
 * in a column of their own at the right. The trigger sits above the first step, at row 0.
 * Positions are the nodes' top-left corners, centred on x = 0.
 */
export function layoutWorkflow(def: WorkflowDefinition): Record<string, Position> {
  const steps = def.steps
  const byId = new Map(steps.map(s => [s.id, s]))
  const first = steps[0]
  const positions: Record<string, Position> = {}
  if (!first) return { trigger: { x: -NODE_WIDTH / 2, y: 0 } }

  // Rows: longest path from the first step (relaxed in topological order; a cycle is cut where it closes).
  const row = new Map<string, number>([[first.id, 1]])
  const order: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (id: string) => {
    if (state.has(id)) return
    state.set(id, 'open')
    for (const [, to] of successors(byId.get(id)!)) if (byId.has(to) && state.get(to) !== 'open') visit(to)
    state.set(id, 'done')
    order.unshift(id)
  }
  visit(first.id)
  for (const id of order) {
    const r = row.get(id) ?? 1
    for (const [, to] of successors(byId.get(id)!)) {
      if (byId.has(to) && order.indexOf(to) > order.indexOf(id)) row.set(to, Math.max(row.get(to) ?? 0, r + 1))
    }
  }

  // Columns: a spanning tree (each step under the first step that reaches it), widths bottom-up.
  const parentOf = new Map<string, string>()
  const children = new Map<string, (string | null)[]>()
  // Branches with no step yet: where their "+" goes (`add:<step>:<next|else>`).
  const open = new Map<string, ['next' | 'else', number][]>()
  const seen = new Set<string>([first.id])
  const queue = [first.id]
  while (queue.length) {
    const id = queue.shift()!
    const step = byId.get(id)!
    const kids: (string | null)[] = []
    const forks = forksIn(step)
    const branches: ['next' | 'else', string | null][] = forks ? [['next', step.next ?? null], ['else', elseOf(step) ?? null]] : [['next', step.next ?? null]]
    for (const [branch, to] of branches) {
      if (!to) open.set(id, [...(open.get(id) ?? []), [branch, kids.length]])
      if (to && byId.has(to) && !seen.has(to)) {
        seen.add(to)
        parentOf.set(to, id)
        queue.push(to)
        kids.push(to)
      }
      // A condition's empty (or already placed) branch keeps a column for its "+"; so does a step's end.
      else if (forks || !to) kids.push(null)
    }
    children.set(id, kids)
  }
  const width = new Map<string, number>()
  const widthOf = (id: string | null): number => {
    if (!id) return 1
    if (width.has(id)) return width.get(id)!
    const kids = children.get(id) ?? []
    const w = Math.max(1, kids.reduce((sum, k) => sum + widthOf(k), 0))
    width.set(id, w)
    return w
  }
  const place = (id: string, left: number) => {
    const w = widthOf(id)
    positions[id] = { x: (left + w / 2) * COL - NODE_WIDTH / 2, y: (row.get(id) ?? 1) * ROW }
    let at = left
    const kids = children.get(id) ?? []
    const slots = open.get(id) ?? []
    kids.forEach((k, i) => {
      if (k) place(k, at)
      const slot = slots.find(([, index]) => index === i)
      if (slot) positions[`add:${id}:${slot[0]}`] = { x: (at + 0.5) * COL - ADD_SIZE / 2, y: positions[id]!.y + NODE_HEIGHT + ADD_GAP }
      at += widthOf(k)
    })
  }
  const total = widthOf(first.id)
  place(first.id, -total / 2)

  // Steps nothing leads to: a column at the right, in their order.
  let loose = 0
  const right = total / 2
  for (const s of steps) {
    if (positions[s.id]) continue
    positions[s.id] = { x: (right + 0.25) * COL, y: (1 + loose) * ROW }
    loose++
  }
  positions.trigger = { x: positions[first.id]!.x, y: 0 }
  return positions
}

/** The laid-out positions with the ones the person dragged (`def.layout`) in their place. */
export function nodePositions(def: WorkflowDefinition): Record<string, Position> {
  const auto = layoutWorkflow(def)
  const moved = Object.fromEntries(Object.entries(def.layout ?? {}).filter(([id]) => id in auto && !id.startsWith('add:')))
  const out = { ...auto, ...moved }
  for (const key of Object.keys(auto)) {
    const [, owner] = key.split(':')
    if (!key.startsWith('add:') || !owner || !moved[owner]) continue
    out[key] = { x: auto[key]!.x + moved[owner].x - auto[owner]!.x, y: auto[key]!.y + moved[owner].y - auto[owner]!.y }
  }
  return out
}
