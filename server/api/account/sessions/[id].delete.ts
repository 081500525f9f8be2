import { z } from 'zod'
import { endMySession } from '#server/services/identity/my-sessions'

const paramsSchema = z.object({ id: z.uuid('must be a session id') })

// Signs one of your own sessions out.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'sign other sessions out')
  const { id } = await parseParams(event, paramsSchema)
  await withTenant(event, scope => endMySession(scope, principal, id))
  setResponseStatus(event, 204)
  return null
})
