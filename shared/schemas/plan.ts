/** The limits Settings → Plan & usage shows; `null` means unlimited. */
export interface PlanLimitsView {
  seats: number | null
  records: number | null
  storageMb: number | null
  apiCallsPerDay: number | null
  activeWorkflows: number | null
  workflowRunsPerMonth: number | null
}

export type PlanLimitKey = keyof PlanLimitsView

/** GET /api/settings/plan: the plan, its limits, what is used of them and 30 days of history. */
export interface PlanOverview {
  plan: { key: string, name: string }
  limits: PlanLimitsView
  usage: {
    /** Active and invited members (an invitation holds a seat until it is accepted or withdrawn). */
    seats: { used: number, active: number, invited: number }
    /** Live records (not deleted) of every type; `counted` is always true since records are counted live. */
    records: { used: number, counted: boolean }
    storageBytes: number
    /** API-key calls since 00:00 UTC, counted live (including calls not yet written to the database). */
    apiCallsToday: number
    /** Workflows switched on now. */
    activeWorkflows: number
    /** Workflow runs started since the 1st of this month, 00:00 UTC. */
    workflowRunsThisMonth: number
  }
  /** When the daily API allowance starts again (next 00:00 UTC), ISO time. */
  apiCallsResetAt: string
  /** API calls per day over the last 30 days, oldest first, today last. */
  history: { day: string, apiCalls: number }[]
}

/** What happens at each limit, in the words the page (and docs/plans-and-usage.md) use. */
export const LIMIT_RULES: Record<PlanLimitKey, { label: string, atLimit: string }> = {
  seats: {
    label: 'Seats',
    atLimit: 'New invitations are refused until a seat is free (remove or deactivate a member, or withdraw an invitation). Everyone already in keeps working.',
  },
  records: {
    label: 'Records',
    atLimit: 'Creating new records is refused. Existing records stay readable and editable, and nothing is deleted.',
  },
  storageMb: {
    label: 'Storage',
    atLimit: 'New uploads (such as logos) are refused. Files already stored stay available.',
  },
  apiCallsPerDay: {
    label: 'API calls per day',
    atLimit: 'Further requests made with API keys are answered with 429 Too Many Requests until 00:00 UTC. Signing in and using the workspace in the browser are never blocked.',
  },
  activeWorkflows: {
    label: 'Active workflows',
    atLimit: 'Switching on another workflow is refused. Workflows already on keep running, and switched-off ones can still be edited and test-run.',
  },
  workflowRunsPerMonth: {
    label: 'Workflow runs this month',
    atLimit: 'Until the 1st of next month (00:00 UTC), what would start a run is recorded in the run history as not run, and starting a workflow by hand is refused. Runs already started finish.',
  },
}
