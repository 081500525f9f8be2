import { z } from 'zod'
import { FEATURE_KEYS } from '../features'
import type { FeatureKey } from '../features'

/** Route param of PUT /api/settings/features/:key. */
export const featureKeyParamsSchema = z.object({
  key: z.enum(FEATURE_KEYS as [FeatureKey, ...FeatureKey[]], { message: 'must be a known feature' }),
}).strict()

/** Body of PUT /api/settings/features/:key: on (the plan's default) or off for this workspace. */
export const featureToggleSchema = z.object({
  enabled: z.boolean({ message: 'must be true or false' }),
}).strict()

export type FeatureToggle = z.infer<typeof featureToggleSchema>

/** One row of Settings → Features: what the plan says, what applies, and whether it can change. */
export interface FeatureSetting {
  key: FeatureKey
  label: string
  description: string
  /** What switching it off hides. */
  whenOff: string
  /** The workspace's plan includes it. */
  inPlan: boolean
  /** On for this workspace now (plan → override → kill switch). */
  enabled: boolean
  /** The workspace's own choice over the plan, if any. */
  override: boolean | null
  /** Switched off for every workspace by the platform, with its reason. */
  killSwitch: { reason: string | null } | null
  /** The cheapest plan that includes it, when this one does not. */
  upgradeTo: { key: string, name: string } | null
  /** A tenant admin may switch it (off, or back on). */
  canToggle: boolean
}

export interface FeatureSettings {
  plan: { key: string, name: string }
  features: FeatureSetting[]
}
