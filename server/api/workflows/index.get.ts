import { listWorkflows } from '#server/services/automation/workflows'

// The workspace's workflows with their triggers and last runs (one page: a workspace has at most 200).
export default defineEventHandler((event) => {
  requirePermission(event, 'workflows:read')
  return withTenant(event, scope => listWorkflows(scope))
})
