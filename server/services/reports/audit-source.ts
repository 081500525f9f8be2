import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { AUDIT_ACTIONS, AUDIT_AREAS, COMPLIANCE_CATEGORIES, complianceCategory, ROLE_CHANGE_ACTION } from '#shared/audit-actions'
import { AUDIT_ACTOR_TYPES } from '#shared/reports'
import type { ReportFilterDef } from '#shared/schemas/reports'
import type { TenantScope } from '#server/utils/tenant-db'

/**
 * The audit log as a report's source (the compliance report): its entries with the action's
 * label, area and compliance category from the catalogue, who acted (a member, an API key, the
 * system, a super admin, or someone not signed in: a failed sign-in's typed email), the target
 * and the address — never the values an entry recorded. Filters are the audit log's own, in the
 * builder's language (`compliance=Sign-ins,API keys`, `createdAtFrom=2026-01-01`); dates are
 * days of the workspace's time zone. Every value is the catalogue's or a bound parameter.
 */

type Issue = { path: string, message: string }

const CATALOGUE = AUDIT_ACTIONS.filter(a => a.log !== 'platform')
const ACTION_LABELS = CATALOGUE.map(a => a.label)
const ACTION_KEYS = new Set(CATALOGUE.map(a => a.key))

/** Where a report over the audit log reads from, its fields' SQL, and the id that keeps its order stable. */
export function auditSourceSql(scope: TenantScope): { from: SQL, where: SQL, id: SQL, map: Map<string, SQL> } {
  // The catalogue joined as a list of values: one label, area and category per action key.
  const catalogue = sql.join(CATALOGUE.map(a => sql`(${a.key}::text, ${a.label}::text, ${a.group}::text, ${complianceCategory(a.key)}::text)`), sql`, `)
  const from = sql`audit_log a
    left join (values ${catalogue}) as act(key, label, area, compliance) on act.key = a.action
    left join users au on au.tenant_id = a.tenant_id and a.actor_type = 'user' and au.id::text = a.actor_id
    left join api_keys ak on ak.tenant_id = a.tenant_id and a.actor_type = 'api_key' and ak.id::text = a.actor_id`
  const map = new Map<string, SQL>([
    ['createdAt', sql`a.created_at`],
    ['action', sql`coalesce(act.label, a.action)`],
    ['actionKey', sql`a.action`],
    ['area', sql`act.area`],
    // A member's change is a role change only when their role differs before and after.
    ['compliance', sql`(case when a.action = ${ROLE_CHANGE_ACTION} then case when (a.before ->> 'role') is distinct from (a.after ->> 'role') then ${'Roles and permissions'}::text end else act.compliance end)`],
    ['actor', sql`coalesce(au.name, 'API key ' || ak.name, case a.actor_type when 'system' then 'System' when 'platform_admin' then 'Super admin' when 'anonymous' then 'Not signed in' end, a.actor_type)`],
    ['actorEmail', sql`coalesce(au.email, case when a.actor_type = 'anonymous' then a.after ->> 'email' end)`],
    ['actorType', sql`a.actor_type`],
    ['entityType', sql`a.entity_type`],
    ['entityId', sql`a.entity_id`],
    ['ip', sql`a.ip`],
    ['impersonated', sql`(a.impersonated_by is not null)`],
  ])
  return { from, where: sql`a.tenant_id = ${scope.tenantId}`, id: sql`a.id`, map }
}

/** The filters the builder offers over the audit log. */
export const AUDIT_FILTERS: ReportFilterDef[] = [
  { key: 'compliance', label: 'Compliance category', kind: 'eq', type: 'text', options: COMPLIANCE_CATEGORIES },
  { key: 'area', label: 'Area', kind: 'eq', type: 'text', options: AUDIT_AREAS },
  { key: 'action', label: 'Action', kind: 'eq', type: 'text', options: ACTION_LABELS },
  { key: 'actorType', label: 'Actor kind', kind: 'eq', type: 'text', options: AUDIT_ACTOR_TYPES },
  { key: 'createdAt', label: 'When', kind: 'range', type: 'datetime' },
]

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The audit log's filters as SQL over `map`'s fields, and what is wrong with any of them. */
export function auditFilterConditions(filters: Record<string, string>, map: Map<string, SQL>, timeZone: string): { conditions: SQL[], issues: Issue[] } {
  const conditions: SQL[] = []
  const issues: Issue[] = []
  const pick = (key: string, raw: string, allowed: readonly string[], column: SQL, alsoKeys = false) => {
    const values = raw.split(',').map(v => v.trim()).filter(Boolean)
    if (!values.length || values.length > 50) return issues.push({ path: key, message: values.length ? 'has more than 50 values' : 'is empty' })
    const known = new Set(allowed)
    const unknown = values.find(v => !known.has(v) && !(alsoKeys && ACTION_KEYS.has(v)))
    if (unknown) return issues.push({ path: key, message: `"${unknown}" is not one of its values` })
    conditions.push(alsoKeys ? sql`(${column} in ${values} or a.action in ${values})` : sql`${column} in ${values}`)
  }
  for (const [key, raw] of Object.entries(filters)) {
    switch (key) {
      case 'compliance': pick(key, raw, COMPLIANCE_CATEGORIES, map.get('compliance')!)
        break
      case 'area': pick(key, raw, AUDIT_AREAS, map.get('area')!)
        break
      case 'action': pick(key, raw, ACTION_LABELS, map.get('action')!, true)
        break
      case 'actorType': pick(key, raw, AUDIT_ACTOR_TYPES, map.get('actorType')!)
        break
      case 'createdAtFrom':
      case 'createdAtTo': {
        const bound = key.endsWith('From') ? 'From' : 'To'
        const value = raw.trim()
        if (DATE.test(value) && !Number.isNaN(Date.parse(value))) {
          // A day of the workspace's zone: from its start, or up to its end (the next day's start, not included).
          conditions.push(bound === 'From'
            ? sql`a.created_at >= (${value}::date::timestamp at time zone ${timeZone})`
            : sql`a.created_at < ((${value}::date + 1)::timestamp at time zone ${timeZone})`)
        }
        else if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
          const at = new Date(value).toISOString()
          conditions.push(bound === 'From' ? sql`a.created_at >= ${at}::timestamptz` : sql`a.created_at <= ${at}::timestamptz`)
        }
        else issues.push({ path: key, message: 'must be a date (YYYY-MM-DD) or a date and time (ISO 8601)' })
        break
      }
      case 'q': {
        const text = raw.trim()
        if (!text || text.length > 200) {
          issues.push({ path: key, message: text ? 'must be at most 200 characters' : 'is empty' })
          break
        }
        const like = containsPattern(text)
        conditions.push(sql`(au.name ilike ${like} or au.email ilike ${like} or ak.name ilike ${like} or a.after ->> 'email' ilike ${like} or a.entity_id = ${text} or a.ip = ${text} or a.request_id = ${text})`)
        break
      }
      default:
        issues.push({ path: key, message: 'is not a filter of the audit log' })
    }
  }
  return { conditions, issues }
}
