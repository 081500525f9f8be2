import { eq } from 'drizzle-orm'
import { pipelines } from '#drizzle/schema'
import { defaultPipeline, stageIn, stagesOf } from '#server/services/crm/pipelines'
import type { HookContext, RecordHooks, Row } from '#server/services/crm/records/registry'
import { addActivities } from '#server/services/crm/records/activities'

const refuse = (path: string, message: string) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${path} ${message}`, [{ path, message }])

/** Status, close time and stage-change time follow the stage the deal is in. */
async function applyStage(ctx: HookContext, values: Record<string, unknown>, pipelineId: string, stageId: string, before: Row | null) {
  const stage = await stageIn(ctx.scope, pipelineId, stageId)
  if (!stage) throw refuse('stageId', 'is not a stage of the deal\'s pipeline')
  values.pipelineId = pipelineId
  values.stageId = stageId
  if (before && before.stageId === stageId) return
  values.status = stage.kind
  values.closedAt = stage.kind === 'open' ? null : new Date()
  values.stageChangedAt = new Date()
  if (stage.kind !== 'lost' && values.lostReason === undefined) values.lostReason = null
}

/** Deals: the pipeline and stage (a stage of another pipeline is refused), status from the stage. */
export const dealHooks: RecordHooks = {
  async beforeCreate(ctx, values) {
    let pipelineId = values.pipelineId as string | undefined
    if (pipelineId) {
      const [p] = await ctx.scope.tx.select({ id: pipelines.id }).from(pipelines).where(ctx.scope.where(pipelines, eq(pipelines.id, pipelineId))).limit(1)
      if (!p) throw refuse('pipelineId', 'is not a pipeline of this workspace')
    }
    else pipelineId = (await defaultPipeline(ctx.scope)).id
    const stageId = (values.stageId as string | undefined) ?? (await stagesOf(ctx.scope, pipelineId))[0]?.id
    if (!stageId) throw refuse('pipelineId', 'has no stages')
    // The workspace's currency (Settings → General) unless the deal names its own.
    if (values.currency === undefined) values.currency = ctx.scope.tenant.preferences.currency
    await applyStage(ctx, values, pipelineId, stageId, null)
  },
  async beforeUpdate(ctx, before, patch) {
    if (patch.status !== undefined) throw refuse('status', 'follows the stage; move the deal to a won or lost stage')
    if (patch.pipelineId === undefined && patch.stageId === undefined) return
    const pipelineId = (patch.pipelineId as string | undefined) ?? before.pipelineId as string
    if (patch.pipelineId !== undefined && patch.stageId === undefined) throw refuse('stageId', 'is required when the pipeline changes')
    await applyStage(ctx, patch, pipelineId, patch.stageId as string, before)
  },
  async afterWrite(ctx, before, after) {
    if (before && before.stageId !== after.stageId) {
      await addActivities(ctx.scope, [{ recordType: 'deals', recordId: after.id, kind: 'stage_change', meta: { from: before.stageId, to: after.stageId }, actorId: ctx.actor.userId }])
    }
  },
}
