import { describe, expect, it } from 'vitest'
import { METRICS } from '../../shared/analytics'
import type { MetricKey } from '../../shared/analytics'
import { ACTIONS, moduleOf } from '../../shared/permissions'
import { RECORD_TYPES, RECORDS } from '../../shared/records'
import { V1_ROUTES, variantsOf } from '../../server/openapi/v1'
import type { V1Route } from '../../server/openapi/v1'

// requirePermission checks the module a permission belongs to (RESOURCE_MODULES) before the
// permission: the guards that leave the module check to it (requireRecordAccess,
// requireMetricAccess, the webhook, pipeline and lead routes) rely on these answers.
describe('the module of a permission', () => {
  it('is the record type\'s feature for every action on its resource', () => {
    for (const type of RECORD_TYPES) {
      for (const action of ACTIONS) expect(moduleOf(`${RECORDS[type].resource}:${action}`), `${type}:${action}`).toBe(RECORDS[type].feature)
    }
  })

  it('is the metric\'s feature for the resource it reads', () => {
    for (const metric of Object.keys(METRICS) as MetricKey[]) {
      expect(moduleOf(`${METRICS[metric].resource}:read`), metric).toBe(METRICS[metric].feature)
    }
  })

  it('is webhooks for the webhook permissions', () => {
    for (const action of ACTIONS) expect(moduleOf(`webhooks:${action}`)).toBe('webhooks')
  })

  it('is none for what stays without a module: the home dashboard, a widget\'s export, the workspace\'s own settings', () => {
    for (const permission of ['dashboard:read', 'dashboard:write', 'analytics:read', 'analytics:export', 'settings:admin', 'members:read', 'roles:write', 'teams:read', 'audit:read'] as const) {
      expect(moduleOf(permission), permission).toBeUndefined()
    }
  })

  it('agrees with the module every v1 operation declares', () => {
    for (const route of Object.values(V1_ROUTES) as V1Route[]) {
      for (const type of variantsOf(route)) {
        const op = route.op(type)
        const implied = op.permission ? moduleOf(op.permission) : undefined
        // An operation's permission implies its module, or the module is one no permission implies.
        if (implied) expect(op.feature, op.operationId).toBe(implied)
      }
    }
  })
})
