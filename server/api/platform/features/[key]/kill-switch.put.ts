import { z } from 'zod'
import { FEATURE_KEYS } from '#shared/features'
import { killSwitchSchema } from '#shared/schemas/platform'
import { setKillSwitch } from '#server/services/platform/tenants'

const params = z.object({ key: z.enum(FEATURE_KEYS as [string, ...string[]], { message: 'must be a known feature' }) })

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { key } = await parseParams(event, params)
  const { disabled, reason } = await parseBody(event, killSwitchSchema)
  await setKillSwitch(platformRunner(event), key, disabled, reason)
  return { key, disabled }
})
