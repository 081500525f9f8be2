// The colours of statuses that more than one list shows (CommonStatusBadge's `colors`); any other
// status is neutral.

/** A tenant: active, suspended, or deleted and waiting for its purge. */
export const TENANT_STATUS_COLORS = { active: 'success', suspended: 'warning', deleted: 'error' } as const

/** A member: active, invited, or deactivated (neutral). */
export const MEMBER_STATUS_COLORS = { active: 'success', invited: 'info' } as const
