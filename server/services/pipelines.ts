import { and, asc, eq } from 'drizzle-orm'
import { pipelines, pipelineStages } from '../../drizzle/schema'
import type { TenantScope } from '../utils/tenant-db'

/** The stages a workspace's first pipeline starts with; tenant admins edit them afterwards. */
export const DEFAULT_STAGES = [
  { name: 'Prospecting', probability: 10, kind: 'open' },
  { name: 'Qualification', probability: 25, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
] as const

/**
 * The tenant's default pipeline, created with the default stages the first time it is needed
 * (workspaces made before pipelines existed have none).
 */
export async function defaultPipeline(scope: TenantScope): Promise<typeof pipelines.$inferSelect> {
  const [found] = await scope.tx.select().from(pipelines).where(scope.where(pipelines)).orderBy(asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1)
  const [preferred] = await scope.tx.select().from(pipelines).where(scope.where(pipelines, eq(pipelines.isDefault, true))).limit(1)
  if (preferred ?? found) return (preferred ?? found)!
  const [created] = await scope.tx.insert(pipelines).values(scope.values(pipelines, [{ name: 'Sales', isDefault: true }])).returning()
  await scope.tx.insert(pipelineStages).values(scope.values(pipelineStages, DEFAULT_STAGES.map((s, position) => ({ ...s, pipelineId: created!.id, position }))))
  return created!
}

/** A pipeline's stages in order. */
export function stagesOf(scope: TenantScope, pipelineId: string) {
  return scope.tx.select().from(pipelineStages).where(scope.where(pipelineStages, eq(pipelineStages.pipelineId, pipelineId))).orderBy(asc(pipelineStages.position))
}

/** One stage of one pipeline, or undefined (a stage of another pipeline is not found). */
export async function stageIn(scope: TenantScope, pipelineId: string, stageId: string) {
  const [stage] = await scope.tx.select().from(pipelineStages)
    .where(and(scope.where(pipelineStages), eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.id, stageId))).limit(1)
  return stage
}
