import type { DealMove } from '#shared/schemas/pipelines'
import type { RecordRow } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { stageIn } from './pipelines'
import { findRecord } from './records/read'
import type { RecordActor } from './records/visibility'
import { updateRecord } from './records/write'

/**
 * Moves a deal to another stage of its pipeline (the board's drag and drop): the same update as
 * a PATCH — version check (409 STALE), visibility, status and close time from the stage, a
 * stage-change timeline entry, one audit entry — plus the board's rule that a lost deal says why.
 */
export async function moveDeal(scope: TenantScope, actor: RecordActor, id: string, input: DealMove): Promise<RecordRow> {
  const deal = await findRecord(scope, actor, 'deals', id)
  const stage = await stageIn(scope, deal.pipelineId as string, input.stageId)
  if (!stage) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: stageId is not a stage of the deal\'s pipeline', [{ path: 'stageId', message: 'is not a stage of the deal\'s pipeline' }])
  if (stage.kind === 'lost' && deal.stageId !== stage.id && !input.lostReason) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: lostReason is required when a deal is lost', [{ path: 'lostReason', message: 'is required when a deal is lost' }])
  }
  return updateRecord(scope, actor, 'deals', id, {
    version: input.version,
    stageId: input.stageId,
    ...(stage.kind === 'lost' && input.lostReason ? { lostReason: input.lostReason } : {}),
  })
}
