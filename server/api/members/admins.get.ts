import { listWorkspaceAdmins } from '#server/services/identity/members'

// Whom to ask for access, for anyone signed in here (the "no access" page names them).
export default defineEventHandler(async (event) => {
  requireUser(event)
  return withTenant(event, scope => listWorkspaceAdmins(scope))
})
