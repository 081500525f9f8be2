import { requestDataExport } from '#server/services/io/data-export'

// Queues an export of everything the workspace holds (202: it is built in the background).
export default defineEventHandler(async (event) => {
  const actor = requirePermission(event, 'settings:admin')
  const created = await requestDataExport(tenantRunner(event), actor)
  setResponseStatus(event, 202)
  return created
})
