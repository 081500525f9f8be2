import { and, asc, count, desc, eq, isNull, max, ne, sql } from 'drizzle-orm'
import { deals, pipelines, pipelineStages } from '#drizzle/schema'
import type { PipelineCreate, PipelinePatch, PipelineRow, StageCreate, StageKind, StagePatch, StageSummary } from '#shared/schemas/pipelines'
import { DEFAULT_STAGES, MAX_PIPELINES, MAX_STAGES } from '#shared/schemas/pipelines'
import type { TenantScope } from '#server/utils/tenant-db'
import { addActivities } from './records/activities'
import type { RecordActor } from './records/visibility'
import { visibleTo } from './records/visibility'

/**
 * The tenant's default pipeline, created with the default stages the first time it is needed
 * (workspaces made before pipelines existed have none; new ones get it at creation).
 */
export async function defaultPipeline(scope: TenantScope): Promise<typeof pipelines.$inferSelect> {
  // The one marked default, else the first in order: one query either way.
  const [found] = await scope.tx.select().from(pipelines).where(scope.where(pipelines))
    .orderBy(desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.createdAt)).limit(1)
  if (found) return found
  const [created] = await scope.tx.insert(pipelines).values(scope.values(pipelines, [{ name: 'Sales', isDefault: true }])).returning()
  await scope.tx.insert(pipelineStages).values(scope.values(pipelineStages, DEFAULT_STAGES.map((s, position) => ({ ...s, pipelineId: created!.id, position }))))
  return created!
}

/** A pipeline's stages in order. */
export function stagesOf(scope: TenantScope, pipelineId: string) {
  return scope.tx.select().from(pipelineStages).where(scope.where(pipelineStages, eq(pipelineStages.pipelineId, pipelineId))).orderBy(asc(pipelineStages.position), asc(pipelineStages.createdAt))
}

/** One stage of one pipeline, or undefined (a stage of another pipeline is not found). */
export async function stageIn(scope: TenantScope, pipelineId: string, stageId: string) {
  const [stage] = await scope.tx.select().from(pipelineStages)
    .where(and(scope.where(pipelineStages), eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.id, stageId))).limit(1)
  return stage
}

// ---- Settings → Pipelines: the tenant edits its pipelines and their stages (deals:admin) ----

const invalid = (path: string, message: string) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${path} ${message}`, [{ path, message }])
const conflict = (message: string, path?: string) => apiError(409, 'CONFLICT', message, path ? [{ path, message }] : undefined)
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

async function pipelineById(scope: TenantScope, id: string) {
  const [row] = await scope.tx.select().from(pipelines).where(scope.where(pipelines, eq(pipelines.id, id))).limit(1)
  if (!row) throw notFound('No such pipeline')
  return row
}

async function stageById(scope: TenantScope, pipelineId: string, stageId: string) {
  await pipelineById(scope, pipelineId)
  const stage = await stageIn(scope, pipelineId, stageId)
  if (!stage) throw notFound('No such stage in this pipeline')
  return stage
}

/** Every deal in a stage, deleted ones too (they still hold the stage until the purge). */
async function dealsInStage(scope: TenantScope, stageId: string): Promise<{ live: number, all: number }> {
  const [row] = await scope.tx.select({ all: count(), live: sql<number>`count(*) filter (where ${deals.deletedAt} is null)::int` })
    .from(deals).where(scope.where(deals, eq(deals.stageId, stageId)))
  return { live: row?.live ?? 0, all: row?.all ?? 0 }
}

function stageSnapshot(s: { name: string, probability: number, kind: StageKind, position: number }) {
  return { name: s.name, probability: s.probability, kind: s.kind, position: s.position }
}

/** The pipelines with their stages in order and how many live deals the reader sees in each. */
export async function listPipelines(scope: TenantScope, actor: RecordActor): Promise<PipelineRow[]> {
  await defaultPipeline(scope)
  const rows = await scope.tx.select().from(pipelines).where(scope.where(pipelines)).orderBy(asc(pipelines.position), asc(pipelines.createdAt))
  const stages = await scope.tx.select().from(pipelineStages).where(scope.where(pipelineStages)).orderBy(asc(pipelineStages.position), asc(pipelineStages.createdAt))
  const counts = await scope.tx.select({ stageId: deals.stageId, n: count() }).from(deals)
    .where(scope.where(deals, isNull(deals.deletedAt), visibleTo(scope, actor, deals.ownerId)))
    .groupBy(deals.stageId)
  const byStage = new Map(counts.map(c => [c.stageId, c.n]))
  return rows.map(p => ({
    id: p.id,
    name: p.name,
    position: p.position,
    isDefault: p.isDefault,
    stages: stages.filter(s => s.pipelineId === p.id).map(s => ({ id: s.id, name: s.name, position: s.position, probability: s.probability, kind: s.kind, dealCount: byStage.get(s.id) ?? 0 })),
  }))
}

async function onePipeline(scope: TenantScope, actor: RecordActor, id: string): Promise<PipelineRow> {
  return (await listPipelines(scope, actor)).find(p => p.id === id)!
}

async function assertPipelineNameFree(scope: TenantScope, name: string, exceptId?: string) {
  const [taken] = await scope.tx.select({ id: pipelines.id }).from(pipelines)
    .where(scope.where(pipelines, sql`lower(${pipelines.name}) = lower(${name})`, exceptId ? ne(pipelines.id, exceptId) : undefined)).limit(1)
  if (taken) throw conflict('A pipeline with this name exists', 'name')
}

async function assertStageNameFree(scope: TenantScope, pipelineId: string, name: string, exceptId?: string) {
  const [taken] = await scope.tx.select({ id: pipelineStages.id }).from(pipelineStages)
    .where(scope.where(pipelineStages, eq(pipelineStages.pipelineId, pipelineId), sql`lower(${pipelineStages.name}) = lower(${name})`, exceptId ? ne(pipelineStages.id, exceptId) : undefined)).limit(1)
  if (taken) throw conflict('This pipeline has a stage with this name', 'name')
}

async function makeDefault(scope: TenantScope, id: string) {
  await scope.tx.update(pipelines).set({ isDefault: sql`${pipelines.id} = ${id}` }).where(scope.where(pipelines))
}

export async function createPipeline(scope: TenantScope, actor: RecordActor, input: PipelineCreate): Promise<PipelineRow> {
  await defaultPipeline(scope)
  const [{ n, last }] = await scope.tx.select({ n: count(), last: max(pipelines.position) }).from(pipelines).where(scope.where(pipelines)) as [{ n: number, last: number | null }]
  if (n >= MAX_PIPELINES) throw conflict(`A workspace has at most ${MAX_PIPELINES} pipelines`)
  await assertPipelineNameFree(scope, input.name)
  const stages = input.stages ?? DEFAULT_STAGES.map(s => ({ ...s }))
  const [row] = await scope.tx.insert(pipelines).values(scope.values(pipelines, [{ name: input.name, position: (last ?? 0) + 1, isDefault: false }])).returning()
  await scope.tx.insert(pipelineStages).values(scope.values(pipelineStages, stages.map((s, position) => ({ ...s, pipelineId: row!.id, position }))))
  if (input.isDefault) await makeDefault(scope, row!.id)
  await scope.audit({ action: 'pipeline.created', entityType: 'pipeline', entityId: row!.id, after: { name: input.name, isDefault: input.isDefault, stages } })
  return onePipeline(scope, actor, row!.id)
}

export async function updatePipeline(scope: TenantScope, actor: RecordActor, id: string, patch: PipelinePatch): Promise<PipelineRow> {
  const before = await pipelineById(scope, id)
  if (patch.name !== undefined) {
    await assertPipelineNameFree(scope, patch.name, id)
    await scope.tx.update(pipelines).set({ name: patch.name }).where(scope.where(pipelines, eq(pipelines.id, id)))
  }
  if (patch.isDefault) await makeDefault(scope, id)
  await scope.audit({ action: 'pipeline.updated', entityType: 'pipeline', entityId: id, before: { name: before.name, isDefault: before.isDefault }, after: { name: patch.name ?? before.name, isDefault: patch.isDefault ?? before.isDefault } })
  return onePipeline(scope, actor, id)
}

/** Deletes a pipeline and its stages; refused for the default one and while deals are in it. */
export async function deletePipeline(scope: TenantScope, id: string): Promise<{ id: string, deleted: true }> {
  const before = await pipelineById(scope, id)
  if (before.isDefault) throw conflict('This is the default pipeline: make another pipeline the default first')
  const [row] = await scope.tx.select({ all: count(), live: sql<number>`count(*) filter (where ${deals.deletedAt} is null)::int` })
    .from(deals).where(scope.where(deals, eq(deals.pipelineId, id)))
  if (row && row.all > 0) {
    const deleted = row.all - row.live
    throw conflict(`${plural(row.live, 'deal is', 'deals are')} in this pipeline${deleted ? ` (and ${plural(deleted, 'deleted deal')} awaiting the purge)` : ''}: move or delete them first`)
  }
  const stages = await stagesOf(scope, id)
  await scope.tx.delete(pipelines).where(scope.where(pipelines, eq(pipelines.id, id)))
  await scope.audit({ action: 'pipeline.deleted', entityType: 'pipeline', entityId: id, before: { name: before.name, stages: stages.map(stageSnapshot) } })
  return { id, deleted: true }
}

async function setPositions(scope: TenantScope, ids: string[]) {
  for (const [position, id] of ids.entries()) {
    await scope.tx.update(pipelineStages).set({ position }).where(scope.where(pipelineStages, eq(pipelineStages.id, id)))
  }
}

export async function createStage(scope: TenantScope, actor: RecordActor, pipelineId: string, input: StageCreate): Promise<PipelineRow> {
  await pipelineById(scope, pipelineId)
  const stages = await stagesOf(scope, pipelineId)
  if (stages.length >= MAX_STAGES) throw conflict(`A pipeline has at most ${MAX_STAGES} stages`)
  await assertStageNameFree(scope, pipelineId, input.name)
  const firstClosed = stages.findIndex(s => s.kind !== 'open')
  const position = Math.min(input.position ?? (input.kind === 'open' && firstClosed >= 0 ? firstClosed : stages.length), stages.length)
  const [row] = await scope.tx.insert(pipelineStages).values(scope.values(pipelineStages, [{ pipelineId, name: input.name, probability: input.probability, kind: input.kind, position }])).returning()
  const order = stages.map(s => s.id)
  order.splice(position, 0, row!.id)
  await setPositions(scope, order)
  await scope.audit({ action: 'pipeline.stage_created', entityType: 'pipeline', entityId: pipelineId, after: { stageId: row!.id, ...stageSnapshot({ ...row!, position }) } })
  return onePipeline(scope, actor, pipelineId)
}

/**
 * Renames a stage, sets its probability or kind. A deal's status follows its stage, so a kind
 * change closes (or reopens) the deals in it; the last open stage cannot become won or lost.
 */
export async function updateStage(scope: TenantScope, actor: RecordActor, pipelineId: string, stageId: string, patch: StagePatch): Promise<PipelineRow> {
  const before = await stageById(scope, pipelineId, stageId)
  if (patch.name !== undefined) await assertStageNameFree(scope, pipelineId, patch.name, stageId)
  let movedDeals = 0
  if (patch.kind && patch.kind !== before.kind) {
    if (before.kind === 'open') {
      const open = (await stagesOf(scope, pipelineId)).filter(s => s.kind === 'open')
      if (open.length === 1) throw conflict('A pipeline needs at least one open stage', 'kind')
    }
    const changed = await scope.tx.update(deals).set({
      status: patch.kind,
      closedAt: patch.kind === 'open' ? null : sql`coalesce(${deals.closedAt}, now())`,
      lostReason: patch.kind === 'lost' ? deals.lostReason : null,
      version: sql`${deals.version} + 1`,
    }).where(scope.where(deals, eq(deals.stageId, stageId))).returning({ id: deals.id })
    movedDeals = changed.length
  }
  const set = { ...patch }
  if (Object.keys(set).length) await scope.tx.update(pipelineStages).set(set).where(scope.where(pipelineStages, eq(pipelineStages.id, stageId)))
  await scope.audit({
    action: 'pipeline.stage_updated', entityType: 'pipeline', entityId: pipelineId,
    before: { stageId, ...stageSnapshot(before) }, after: { stageId, ...stageSnapshot({ ...before, ...patch }), ...(movedDeals ? { dealsChangedStatus: movedDeals } : {}) },
  })
  return onePipeline(scope, actor, pipelineId)
}

/**
 * Deletes a stage. Its deals (deleted ones too: they still point at it) block the delete with a
 * 409 unless `moveTo` names another stage of the pipeline; they are then moved there first, with
 * a stage change on each live deal's timeline. The last open stage cannot be deleted.
 */
export async function deleteStage(scope: TenantScope, actor: RecordActor, pipelineId: string, stageId: string, moveTo?: string): Promise<PipelineRow> {
  const before = await stageById(scope, pipelineId, stageId)
  const stages = await stagesOf(scope, pipelineId)
  if (before.kind === 'open' && stages.filter(s => s.kind === 'open').length === 1) throw conflict('A pipeline needs at least one open stage: this is its last one')
  const inStage = await dealsInStage(scope, stageId)
  let moved = 0
  if (inStage.all > 0) {
    if (!moveTo) {
      const deleted = inStage.all - inStage.live
      throw conflict(`${plural(inStage.live, 'deal is', 'deals are')} in this stage${deleted ? ` (and ${plural(deleted, 'deleted deal')} awaiting the purge)` : ''}: move them to another stage first (moveTo)`)
    }
    const target = moveTo === stageId ? undefined : stages.find(s => s.id === moveTo)
    if (!target) throw apiError(400, 'VALIDATION_FAILED', 'Invalid query: moveTo must be another stage of this pipeline', [{ path: 'moveTo', message: 'must be another stage of this pipeline' }])
    const rows = await scope.tx.update(deals).set({
      stageId: target.id,
      status: target.kind,
      closedAt: target.kind === 'open' ? null : sql`case when ${deals.status} = ${target.kind} then coalesce(${deals.closedAt}, now()) else now() end`,
      lostReason: target.kind === 'lost' ? deals.lostReason : null,
      stageChangedAt: new Date(),
      version: sql`${deals.version} + 1`,
    }).where(scope.where(deals, eq(deals.stageId, stageId))).returning({ id: deals.id, deletedAt: deals.deletedAt })
    moved = rows.length
    await addActivities(scope, rows.filter(r => !r.deletedAt).map(r => ({
      recordType: 'deals' as const, recordId: r.id, kind: 'stage_change' as const, meta: { from: stageId, to: target.id, reason: 'stage deleted' }, actorId: actor.userId,
    })))
  }
  await scope.tx.delete(pipelineStages).where(scope.where(pipelineStages, eq(pipelineStages.id, stageId)))
  await setPositions(scope, stages.filter(s => s.id !== stageId).map(s => s.id))
  await scope.audit({
    action: 'pipeline.stage_deleted', entityType: 'pipeline', entityId: pipelineId,
    before: { stageId, ...stageSnapshot(before) }, after: moved ? { movedDeals: moved, movedTo: moveTo } : undefined,
  })
  return onePipeline(scope, actor, pipelineId)
}

/** Sets the stages' order: `stageIds` must name every stage of the pipeline exactly once. */
export async function reorderStages(scope: TenantScope, actor: RecordActor, pipelineId: string, stageIds: string[]): Promise<PipelineRow> {
  await pipelineById(scope, pipelineId)
  const stages = await stagesOf(scope, pipelineId)
  const known = new Set(stages.map(s => s.id))
  if (stageIds.length !== stages.length || stageIds.some(id => !known.has(id))) {
    throw invalid('stageIds', `must name each of the pipeline's ${stages.length} stages exactly once`)
  }
  await setPositions(scope, stageIds)
  await scope.audit({ action: 'pipeline.stages_reordered', entityType: 'pipeline', entityId: pipelineId, before: { stageIds: stages.map(s => s.id) }, after: { stageIds } })
  return onePipeline(scope, actor, pipelineId)
}

/**
 * The board's column headers: per stage, how many deals the reader sees and their amounts per
 * currency, with the board's filters (owner; won/lost columns only since `closedFrom`).
 */
export async function pipelineSummary(scope: TenantScope, actor: RecordActor, pipelineId: string, query: { ownerId?: string, closedFrom?: string }): Promise<StageSummary[]> {
  await pipelineById(scope, pipelineId)
  const owner = query.ownerId === 'me' ? actor.userId : query.ownerId
  const rows = await scope.tx.select({
    stageId: deals.stageId, currency: deals.currency, n: count(), sum: sql<string>`coalesce(sum(${deals.amountMinor}), 0)::text`,
  }).from(deals)
    .where(scope.where(deals, eq(deals.pipelineId, pipelineId), isNull(deals.deletedAt), visibleTo(scope, actor, deals.ownerId),
      owner ? eq(deals.ownerId, owner) : undefined,
      query.closedFrom ? sql`(${deals.status} = 'open' or ${deals.closedAt} >= ${query.closedFrom}::date)` : undefined))
    .groupBy(deals.stageId, deals.currency)
  const stages = await stagesOf(scope, pipelineId)
  return stages.map((s) => {
    const mine = rows.filter(r => r.stageId === s.id).sort((a, b) => b.n - a.n)
    return { stageId: s.id, count: mine.reduce((a, r) => a + r.n, 0), sums: mine.map(r => ({ currency: r.currency, amountMinor: Number(r.sum) })) }
  })
}
