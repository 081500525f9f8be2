import { sql } from 'drizzle-orm'
import type { Db, Tx } from '#server/database/connect'
import { rowsOf } from '#server/database/connect'
import { DEFAULT_STAGES } from '#shared/schemas/pipelines'
import { hashPassword } from '#server/utils/password'
import { LEAD_SOURCES, TICKET_CHANNELS } from '#shared/records'
import { DEMO_PASSWORD } from './demo'
import {
  COMPANY_FIRST, COMPANY_KIND, COMPANY_SECOND, DEAL_PRODUCTS, FIRST_NAMES, INDUSTRIES, JOB_TITLES, LAST_NAMES, LOST_REASONS,
  MONTHS, NOTE_BODIES, PLACES, TASK_TEMPLATES, TICKET_SUBJECTS, TICKET_THINGS,
} from './demo-words'

// The demo tenants' records at realistic volume (issue 8): two years of accounts, contacts,
// leads, deals, tasks, tickets and their activity, with a weekday rhythm, growth, summer and
// December dips and quarter-end deal closes. Deterministic (one seeded generator per tenant;
// dates are relative to today), idempotent (a tenant that has accounts is left alone), and
// quick: rows go in as JSON batches (`json_to_recordset`), one transaction per tenant, and the
// search index fills itself through the statement-level triggers of migration 0026.

export interface DemoRecordCounts {
  accounts: number
  contacts: number
  leads: number
  deals: number
  tasks: number
  tickets: number
  activities: number
}

interface StaffDef { name: string, role: 'admin' | 'manager' | 'member' | 'support' | 'viewer', team: string }

interface DemoRecordsDef {
  counts: DemoRecordCounts
  /** Extra members (emails `first.last@<slug>.test`, the demo password), so owners vary. */
  staff: StaffDef[]
  /** Teams, with the demo users (by role) who join them besides the staff above. */
  teams: Record<string, string[]>
  currency: string
  /** Deal sizes, in major units: log-uniform between these. */
  dealRange: [number, number]
  /** Which industries the tenant sells to (indexes into INDUSTRIES), for a different feel per tenant. */
  industries: readonly number[]
}

/** What each demo tenant gets. initech has tickets turned off (demo.ts), so it gets none. */
export const DEMO_RECORDS: Record<string, DemoRecordsDef> = {
  acme: {
    counts: { accounts: 2_000, contacts: 10_000, leads: 3_000, deals: 3_000, tasks: 4_000, tickets: 5_000, activities: 50_000 },
    staff: [
      { name: 'Olivia Chen', role: 'member', team: 'Sales' }, { name: 'Marcus Reed', role: 'member', team: 'Sales' },
      { name: 'Priya Patel', role: 'member', team: 'Sales' }, { name: 'Daniel Okafor', role: 'member', team: 'Sales' },
      { name: 'Grace Kim', role: 'manager', team: 'Sales' }, { name: 'Sofia Rossi', role: 'support', team: 'Support' },
      { name: 'Liam Novak', role: 'support', team: 'Support' }, { name: 'Hannah Berg', role: 'support', team: 'Support' },
    ],
    teams: { Sales: ['manager', 'member'], Support: ['support'] },
    currency: 'USD', dealRange: [2_000, 180_000], industries: INDUSTRIES.map((_, i) => i),
  },
  globex: {
    counts: { accounts: 350, contacts: 1_400, leads: 600, deals: 450, tasks: 700, tickets: 1_200, activities: 7_000 },
    staff: [],
    teams: { 'Field sales': ['manager', 'member'], 'Help desk': ['support'] },
    currency: 'EUR', dealRange: [500, 25_000], industries: [1, 2, 5, 7, 11],
  },
  initech: {
    counts: { accounts: 600, contacts: 3_000, leads: 900, deals: 1_100, tasks: 1_500, tickets: 0, activities: 12_000 },
    staff: [
      { name: 'Peter Gibbons', role: 'member', team: 'Enterprise sales' }, { name: 'Michael Bolton', role: 'member', team: 'Enterprise sales' },
      { name: 'Samir Nagheenanajar', role: 'member', team: 'Enterprise sales' }, { name: 'Joanna Park', role: 'manager', team: 'Enterprise sales' },
    ],
    teams: { 'Enterprise sales': ['manager', 'member'] },
    currency: 'USD', dealRange: [20_000, 900_000], industries: [0, 3, 4, 9, 11, 14],
  },
}

const DAY = 86_400_000
const HOUR = 3_600_000
const SPAN_DAYS = 730
/** SLA hours by priority, counted in working hours (Mon–Fri, 09:00–17:00 UTC here). */
const SLA_HOURS = { urgent: 4, high: 8, normal: 24, low: 72 } as const

/** A seeded generator (mulberry32 over an FNV-1a hash of the seed). */
function generator(seed: string) {
  let h = 2166136261
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  let a = h >>> 0
  const next = () => {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  /** Picks by weight: `weighted([['a', 3], ['b', 1]])`. */
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let r = next() * entries.reduce((s, [, w]) => s + w, 0)
    for (const [v, w] of entries) if ((r -= w) < 0) return v
    return entries[entries.length - 1]![0]
  }
  /** A time-ordered UUIDv7 for a record created at `ms`. */
  const uuid7 = (ms: number) => {
    const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0')
    const t = hex(ms, 12)
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(next() * 0x1000, 3)}-${hex(8 + int(4), 1)}${hex(next() * 0x1000, 3)}-${hex(next() * 0x1000000, 6)}${hex(next() * 0x1000000, 6)}`
  }
  return { next, int, pick, weighted, uuid7 }
}
type Rng = ReturnType<typeof generator>

/**
 * When things happen: a day drawn from two years with growth (the business doubles), a weekday
 * rhythm (quiet weekends), August and December dips, then a working-hours time of day.
 */
function timeline(rng: Rng, now: number) {
  const start = now - SPAN_DAYS * DAY
  const cumulative: number[] = []
  let total = 0
  for (let d = 0; d < SPAN_DAYS; d++) {
    const date = new Date(start + d * DAY)
    const weekday = [0.12, 1.05, 1.1, 1.05, 1, 0.85, 0.2][date.getUTCDay()]!
    const month = [0.95, 1, 1.05, 1, 1, 0.95, 0.9, 0.8, 1.05, 1.1, 1.05, 0.75][date.getUTCMonth()]!
    total += (0.5 + d / SPAN_DAYS) * weekday * month
    cumulative.push(total)
  }
  const dayStart = (ms: number) => ms - (ms % DAY)
  /** A moment of a working day, 08:00–18:00 UTC, busiest mid-morning and mid-afternoon. */
  const atWork = (day: number) => day + Math.min(now - day, (8 + (rng.next() + rng.next()) * 5) * HOUR + rng.int(3600) * 1000)
  return {
    /** A moment in the two years, by the curve above; `from` (ms) restricts to after it. */
    sample(from = start): number {
      const lo = from <= start ? 0 : cumulative[Math.min(SPAN_DAYS - 1, Math.floor((from - start) / DAY))]!
      const target = lo + rng.next() * (total - lo)
      let a = 0
      let b = SPAN_DAYS - 1
      while (a < b) {
        const mid = (a + b) >> 1
        if (cumulative[mid]! < target) a = mid + 1
        else b = mid
      }
      return Math.max(from, Math.min(now - 60_000, atWork(dayStart(start + a * DAY))))
    },
    /** A working-hours moment on the day of `ms`, never in the future. */
    onDay: (ms: number) => Math.min(now - 60_000, atWork(dayStart(ms))),
  }
}

/** Adds working hours (Mon–Fri 09:00–17:00 UTC) to a moment: the seed's stand-in for the tenant's calendar. */
export function addWorkingHours(from: number, hours: number): number {
  let t = from
  let left = hours * HOUR
  while (left > 0) {
    const d = new Date(t)
    const day = t - (t % DAY)
    const open = day + 9 * HOUR
    const close = day + 17 * HOUR
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || t >= close) {
      t = day + DAY + 9 * HOUR
      continue
    }
    if (t < open) t = open
    const step = Math.min(left, close - t)
    t += step
    left -= step
  }
  return t
}

const iso = (ms: number) => new Date(ms).toISOString()
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Inserts rows as one JSON parameter per batch; `columns` is the recordset's column list with types. */
async function insertJson(tx: Tx, tenantId: string, table: string, columns: string, rows: Record<string, unknown>[], batch = 5_000) {
  const names = columns.split(',').map(c => c.trim().split(/\s+/)[0]).join(', ')
  for (let i = 0; i < rows.length; i += batch) {
    const json = JSON.stringify(rows.slice(i, i + batch))
    await tx.execute(sql`insert into ${sql.identifier(table)} (tenant_id, ${sql.raw(names)})
      select ${tenantId}::uuid, ${sql.raw(names)} from json_to_recordset(${json}::json) as x(${sql.raw(columns)})`)
  }
}

/** Index of the last element of an ascending list that is ≤ value (−1 when none). */
function lastAtOrBefore(sorted: number[], value: number): number {
  let a = 0
  let b = sorted.length
  while (a < b) {
    const mid = (a + b) >> 1
    if (sorted[mid]! <= value) a = mid + 1
    else b = mid
  }
  return a - 1
}

interface Member { id: string, role: string, team: string | null }

async function ensureStaff(tx: Tx, tenantId: string, tenantSlug: string, def: DemoRecordsDef, passwordHash: () => Promise<string>): Promise<Member[]> {
  const roleRows = rowsOf<{ id: string, key: string }>(await tx.execute(sql`select id, key from roles where tenant_id = ${tenantId} and is_system`))
  const roleId = new Map(roleRows.map(r => [r.key, r.id]))
  for (const s of def.staff) {
    const email = `${slug(s.name.split(' ')[0]!)}.${slug(s.name.split(' ').slice(1).join(''))}@${tenantSlug}.test`
    await tx.execute(sql`insert into users (tenant_id, id, email, name, password_hash, role_id, status)
      values (${tenantId}, gen_random_uuid(), ${email}, ${s.name}, ${await passwordHash()}, ${roleId.get(s.role)!}, 'active')
      on conflict (tenant_id, email) do nothing`)
  }
  const users = rowsOf<{ id: string, email: string, role: string }>(await tx.execute(sql`
    select u.id, u.email, r.key as role from users u join roles r on r.tenant_id = u.tenant_id and r.id = u.role_id
    where u.tenant_id = ${tenantId} and u.status = 'active' order by u.email`))
  const members: Member[] = []
  for (const u of users) {
    const staff = def.staff.find(s => u.email.startsWith(`${slug(s.name.split(' ')[0]!)}.`))
    const demoTeam = Object.entries(def.teams).find(([, roles]) => u.email === `${u.role}@${tenantSlug}.test` && roles.includes(u.role))?.[0]
    members.push({ id: u.id, role: u.role, team: staff?.team ?? demoTeam ?? null })
  }
  for (const team of new Set(members.map(m => m.team).filter((t): t is string => t !== null))) {
    const [existing] = rowsOf<{ id: string }>(await tx.execute(sql`select id from teams where tenant_id = ${tenantId} and parent_id is null and name = ${team}`))
    const teamId = existing?.id ?? rowsOf<{ id: string }>(await tx.execute(sql`insert into teams (tenant_id, id, name) values (${tenantId}, gen_random_uuid(), ${team}) returning id`))[0]!.id
    for (const m of members.filter(x => x.team === team)) {
      await tx.execute(sql`insert into team_members (tenant_id, team_id, user_id) values (${tenantId}, ${teamId}, ${m.id}) on conflict do nothing`)
    }
  }
  return members
}

async function ensurePipeline(tx: Tx, tenantId: string, rng: Rng, now: number) {
  // The same default pipeline the app creates when a workspace first needs one (server/services/pipelines.ts).
  const [existing] = rowsOf<{ id: string }>(await tx.execute(sql`select id from pipelines where tenant_id = ${tenantId} order by is_default desc, position limit 1`))
  let pipelineId = existing?.id
  if (!pipelineId) {
    pipelineId = rng.uuid7(now - SPAN_DAYS * DAY)
    await tx.execute(sql`insert into pipelines (tenant_id, id, name, position, is_default) values (${tenantId}, ${pipelineId}, 'Sales', 0, true)`)
  }
  const stages = rowsOf<{ id: string, name: string, kind: 'open' | 'won' | 'lost', probability: number }>(await tx.execute(sql`
    select id, name, kind, probability from pipeline_stages where tenant_id = ${tenantId} and pipeline_id = ${pipelineId} order by position`))
  if (stages.length) return { pipelineId, stages }
  const created = DEFAULT_STAGES.map((s, position) => ({ id: rng.uuid7(now - SPAN_DAYS * DAY), pipeline_id: pipelineId, name: s.name, position, probability: s.probability, kind: s.kind }))
  await insertJson(tx, tenantId, 'pipeline_stages', 'id uuid, pipeline_id uuid, name text, position int, probability smallint, kind stage_kind', created)
  return { pipelineId, stages: created.map(s => ({ id: s.id, name: s.name, kind: s.kind, probability: s.probability })) }
}

/** Builds and inserts one tenant's records; returns what it wrote. */
async function seedTenantRecords(tx: Tx, tenantId: string, tenantSlug: string, def: DemoRecordsDef, members: Member[]): Promise<DemoRecordCounts> {
  const rng = generator(`records:${tenantSlug}`)
  const now = Date.now()
  const when = timeline(rng, now)
  const { pipelineId, stages } = await ensurePipeline(tx, tenantId, rng, now)
  const c = def.counts

  // Who owns what: sellers own CRM records, the support desk owns tickets; admins a little of each.
  const weightOf = (m: Member, desk: 'sales' | 'support') => {
    if (m.role === 'viewer') return 0
    if (desk === 'support') return m.role === 'support' ? 5 : m.team && /support|help/i.test(m.team) ? 4 : m.role === 'admin' ? 0.3 : 0.5
    return m.role === 'support' ? 0 : m.role === 'member' ? 5 : m.role === 'manager' ? 2 : 0.5
  }
  const salesOwners = members.map(m => [m.id, weightOf(m, 'sales')] as const).filter(([, w]) => w > 0)
  const supportOwners = members.map(m => [m.id, weightOf(m, 'support')] as const).filter(([, w]) => w > 0)
  const owner = (desk: 'sales' | 'support') => (rng.next() < 0.03 ? null : rng.weighted(desk === 'sales' ? salesOwners : supportOwners))
  const staffIds = members.filter(m => m.role !== 'viewer').map(m => m.id)

  // Accounts, by creation time (children pick a parent created before them).
  const names = new Set<string>()
  const accounts: { id: string, name: string, domain: string, created: number, owner: string | null, place: typeof PLACES[number], contacts: number[] }[] = []
  const accountRows: Record<string, unknown>[] = []
  const accountTimes = Array.from({ length: c.accounts }, () => when.sample()).sort((a, b) => a - b)
  for (const created of accountTimes) {
    let name = ''
    for (let tries = 0; tries < 20 && (!name || names.has(name)); tries++) {
      name = rng.next() < 0.75
        ? `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND)} ${rng.pick(COMPANY_KIND)}`
        : rng.next() < 0.5 ? `${rng.pick(LAST_NAMES)} & ${rng.pick(LAST_NAMES)}` : `${rng.pick(COMPANY_FIRST)}${rng.pick(COMPANY_SECOND).toLowerCase()} ${rng.pick(COMPANY_KIND)}`
    }
    if (names.has(name)) name = `${name} ${names.size}`
    names.add(name)
    const place = rng.pick(PLACES)
    const domain = `${slug(name.split(' ').slice(0, 2).join(''))}.${place[2]}`
    const id = rng.uuid7(created)
    const own = owner('sales')
    accounts.push({ id, name, domain, created, owner: own, place, contacts: [] })
    accountRows.push({
      id, name, domain, industry: INDUSTRIES[rng.pick(def.industries)]!, phone: `${place[3]} ${100 + rng.int(900)} ${1000 + rng.int(9000)}`,
      city: place[0], country: place[1], employees: Math.round(10 ** (1 + rng.next() * 3.7)), owner_id: own, created_by: own ?? staffIds[0],
      created_at: iso(created), updated_at: iso(Math.min(now - 60_000, created + rng.int(200) * DAY)),
    })
  }
  const accountCreated = accounts.map(a => a.created)
  /** An account created before `t` (or the first one). */
  const accountBefore = (t: number) => accounts[Math.max(0, rng.int(lastAtOrBefore(accountCreated, t) + 1))]!

  const contacts: { id: string, first: string, last: string, account: number | null, created: number, owner: string | null }[] = []
  const contactRows: Record<string, unknown>[] = []
  const contactTimes = Array.from({ length: c.contacts }, () => when.sample(accountTimes[0])).sort((a, b) => a - b)
  for (const created of contactTimes) {
    const first = rng.pick(FIRST_NAMES)
    const last = rng.pick(LAST_NAMES)
    const withAccount = rng.next() < 0.92
    const account = withAccount ? accountBefore(created) : null
    const accountIndex = account ? accounts.indexOf(account) : null
    const id = rng.uuid7(created)
    const own = account && rng.next() < 0.8 ? account.owner : owner('sales')
    const domain = account?.domain ?? rng.pick(['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com'])
    if (account) account.contacts.push(contacts.length)
    contacts.push({ id, first, last, account: accountIndex, created, owner: own })
    contactRows.push({
      id, account_id: account?.id ?? null, first_name: first, last_name: last,
      email: `${slug(first)}.${slug(last)}${rng.next() < 0.2 ? rng.int(100) : ''}@${domain}`,
      phone: rng.next() < 0.7 ? `${(account?.place ?? rng.pick(PLACES))[3]} ${100 + rng.int(900)} ${1000 + rng.int(9000)}` : null,
      job_title: rng.pick(JOB_TITLES), owner_id: own, created_by: own ?? staffIds[0], created_at: iso(created), updated_at: iso(Math.min(now - 60_000, created + rng.int(120) * DAY)),
    })
  }
  /** A contact of the account (or any contact, when it has none). */
  const contactOf = (account: typeof accounts[number]) => (account.contacts.length ? contacts[rng.pick(account.contacts)]! : contacts.length ? rng.pick(contacts) : null)

  // Deals: a sales cycle of two weeks to four months; many closes land in a quarter's last weeks.
  const open = stages.filter(s => s.kind === 'open')
  const won = stages.find(s => s.kind === 'won')!
  const lost = stages.find(s => s.kind === 'lost')!
  const deals: { id: string, created: number, owner: string | null, stageEvents: { at: number, from: string, to: string }[] }[] = []
  const dealRows: Record<string, unknown>[] = []
  for (let i = 0; i < c.deals; i++) {
    const created = when.sample(accountTimes[0])
    const account = accountBefore(created)
    const contact = contactOf(account)
    let close = created + (14 + rng.int(110)) * DAY
    if (rng.next() < 0.45) {
      const d = new Date(close)
      const quarterEnd = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + 3, 0)
      close = quarterEnd - rng.int(12) * DAY
    }
    let status: 'open' | 'won' | 'lost' = 'open'
    let stage = open[0]!
    let closedAt: number | null = null
    if (close < now - 3 * DAY) {
      const outcome = rng.weighted([['won', 40], ['lost', 50], ['slipped', 10]] as const)
      if (outcome === 'slipped') close = now + (3 + rng.int(60)) * DAY
      else {
        status = outcome
        stage = outcome === 'won' ? won : lost
        closedAt = when.onDay(Math.min(close + rng.int(4) * DAY, now))
      }
    }
    if (status === 'open') {
      const progress = Math.min(0.99, (now - created) / Math.max(DAY, close - created))
      stage = open[Math.min(open.length - 1, Math.floor(progress * open.length * (0.6 + rng.next() * 0.6)))]!
    }
    const [lo, hi] = def.dealRange
    const amount = Math.round(lo * (hi / lo) ** (rng.next() ** 1.6) / 50) * 50
    const own = rng.next() < 0.85 ? account.owner : owner('sales')
    const id = rng.uuid7(created)
    // The stage path it took, for the timeline: through the open stages up to where it is (or closed).
    const reached = status === 'open' ? open.indexOf(stage) : rng.int(open.length)
    const stageEvents: { at: number, from: string, to: string }[] = []
    const end = closedAt ?? Math.min(now - HOUR, created + (close - created) * 0.8)
    for (let s = 1; s <= reached; s++) stageEvents.push({ at: created + ((end - created) * s) / (reached + 1), from: open[s - 1]!.name, to: open[s]!.name })
    if (closedAt) stageEvents.push({ at: closedAt, from: open[reached]!.name, to: stage.name })
    const product = rng.pick(DEAL_PRODUCTS)
    deals.push({ id, created, owner: own, stageEvents })
    dealRows.push({
      id, name: `${account.name} – ${product === 'Seat expansion' ? `${product} (${10 * (1 + rng.int(20))} seats)` : product}`,
      account_id: account.id, contact_id: contact?.id ?? null, pipeline_id: pipelineId, stage_id: stage.id,
      amount_minor: amount * 100, currency: def.currency, expected_close_date: iso(close).slice(0, 10),
      source: rng.pick(LEAD_SOURCES), status, lost_reason: status === 'lost' ? rng.pick(LOST_REASONS) : null,
      closed_at: closedAt ? iso(closedAt) : null, stage_changed_at: iso(stageEvents.at(-1)?.at ?? created),
      owner_id: own, created_by: own ?? staffIds[0], created_at: iso(created), updated_at: iso(stageEvents.at(-1)?.at ?? created),
    })
  }

  // Leads: older ones have mostly been worked (converted or lost), recent ones are fresh.
  const leadRows: Record<string, unknown>[] = []
  const leadTimes: { id: string, created: number, owner: string | null }[] = []
  for (let i = 0; i < c.leads; i++) {
    const created = when.sample()
    const age = (now - created) / DAY
    const status = age > 60
      ? rng.weighted([['converted', 25], ['lost', 35], ['qualified', 10], ['contacted', 15], ['new', 15]] as const)
      : rng.weighted([['new', 45], ['contacted', 30], ['qualified', 20], ['lost', 5]] as const)
    const first = rng.pick(FIRST_NAMES)
    const last = rng.pick(LAST_NAMES)
    const company = `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND)} ${rng.pick(COMPANY_KIND)}`
    const own = owner('sales')
    const id = rng.uuid7(created)
    const converted = status === 'converted' ? when.onDay(created + (5 + rng.int(50)) * DAY) : null
    const into = converted && deals.length ? dealRows[rng.int(dealRows.length)]! : null
    leadTimes.push({ id, created, owner: own })
    leadRows.push({
      id, first_name: first, last_name: last, company, email: `${slug(first)}.${slug(last)}@${slug(company.split(' ').slice(0, 2).join(''))}.com`,
      phone: rng.next() < 0.5 ? `${rng.pick(PLACES)[3]} ${100 + rng.int(900)} ${1000 + rng.int(9000)}` : null,
      status, source: rng.pick(LEAD_SOURCES), lost_reason: status === 'lost' ? rng.pick(LOST_REASONS) : null,
      converted_at: converted ? iso(converted) : null, converted_account_id: into?.account_id ?? null,
      converted_contact_id: into?.contact_id ?? null, converted_deal_id: into?.id ?? null,
      owner_id: own, created_by: own ?? staffIds[0], created_at: iso(created), updated_at: iso(converted ?? Math.min(now - 60_000, created + rng.int(30) * DAY)),
    })
  }

  // Tickets: SLA due from priority in working hours; most are met, some breached, recent ones still open.
  const ticketRows: Record<string, unknown>[] = []
  const tickets: { id: string, created: number, owner: string | null, subject: string }[] = []
  for (let i = 0; i < c.tickets; i++) {
    const created = when.sample(accountTimes[0])
    const account = accountBefore(created)
    const contact = contactOf(account)
    const priority = rng.weighted([['low', 30], ['normal', 45], ['high', 18], ['urgent', 7]] as const)
    const sla = addWorkingHours(created, SLA_HOURS[priority])
    const firstResponse = addWorkingHours(created, SLA_HOURS[priority] * (0.05 + rng.next() * 0.3))
    const resolveAt = addWorkingHours(created, SLA_HOURS[priority] * (0.15 + rng.next() ** 2 * 1.15))
    const age = (now - created) / DAY
    let status = rng.weighted([['closed', 72], ['resolved', 25], ['pending', 2], ['open', 1]] as const) as 'new' | 'open' | 'pending' | 'resolved' | 'closed'
    if (resolveAt > now || age < 3) status = rng.weighted([['new', 35], ['open', 35], ['pending', 15], ['resolved', 15]] as const)
    const done = status === 'resolved' || status === 'closed'
    const resolvedAt = done ? Math.min(resolveAt, now - 60_000) : null
    const subject = rng.pick(TICKET_SUBJECTS).replace('{month}', rng.pick(MONTHS)).replace('{thing}', rng.pick(TICKET_THINGS)).replace('{things}', `${rng.pick(TICKET_THINGS)}s`)
    const own = status === 'new' && rng.next() < 0.6 ? null : owner('support')
    const id = rng.uuid7(created)
    tickets.push({ id, created, owner: own, subject })
    ticketRows.push({
      id, subject, description: `${contact ? `${contact.first} from ${account.name}` : account.name} writes: ${subject.toLowerCase()}. ${rng.pick(NOTE_BODIES)}`,
      status, priority, channel: rng.pick(TICKET_CHANNELS), account_id: account.id, contact_id: contact?.id ?? null,
      sla_due_at: iso(sla), first_response_at: status === 'new' ? null : iso(Math.min(firstResponse, now - 60_000)),
      resolved_at: resolvedAt ? iso(resolvedAt) : null,
      owner_id: own, created_by: own ?? staffIds[0], created_at: iso(created), updated_at: iso(resolvedAt ?? Math.min(now - 60_000, created + rng.int(3) * DAY)),
    })
  }

  // Tasks: about a deal, account, contact or ticket; past ones mostly done.
  const taskRows: Record<string, unknown>[] = []
  for (let i = 0; i < c.tasks; i++) {
    const created = when.sample(accountTimes[0])
    const account = accountBefore(created)
    const contact = contactOf(account)
    const deal = deals.length ? deals[rng.int(deals.length)]! : null
    const kind = rng.weighted([['deals', deal ? 35 : 0], ['accounts', 20], ['contacts', contact ? 20 : 0], ['tickets', tickets.length ? 15 : 0], ['none', 10]] as const)
    const ticket = kind === 'tickets' ? rng.pick(tickets) : null
    const person = contact ? `${contact.first} ${contact.last}` : account.name
    const title = kind === 'tickets'
      ? `Reply to ticket: ${ticket!.subject}`
      : rng.pick(TASK_TEMPLATES).replace('{person}', person).replace('{account}', account.name).replace('{deal}', dealRows[deals.indexOf(deal!)]?.name as string ?? account.name)
    const due = when.onDay(created + (1 + rng.int(14)) * DAY) + (rng.next() < 0.2 ? 30 * DAY : 0)
    const dueAt = Math.min(due, now + 30 * DAY)
    const done = dueAt < now - DAY ? rng.next() < 0.88 : rng.next() < 0.1
    const completed = done ? Math.min(now - 60_000, dueAt - rng.int(3) * DAY + rng.int(2) * DAY) : null
    const related = kind === 'deals' ? deal!.id : kind === 'accounts' ? account.id : kind === 'contacts' ? contact!.id : kind === 'tickets' ? ticket!.id : null
    const own = kind === 'tickets' ? ticket!.owner ?? owner('support') : kind === 'deals' ? deal!.owner : owner('sales')
    taskRows.push({
      id: rng.uuid7(created), title, description: rng.next() < 0.4 ? rng.pick(NOTE_BODIES) : null,
      status: done ? 'done' : 'open', priority: rng.weighted([['low', 20], ['normal', 55], ['high', 20], ['urgent', 5]] as const),
      due_at: iso(dueAt), related_type: kind === 'none' ? null : kind, related_id: related, completed_at: completed ? iso(Math.max(created, completed)) : null,
      owner_id: own, created_by: own ?? staffIds[0], created_at: iso(created), updated_at: iso(completed ? Math.max(created, completed) : created),
    })
  }

  // The timeline: every deal's stage changes, then logged notes, calls, emails and meetings.
  const activityRows: Record<string, unknown>[] = []
  for (const d of deals) {
    for (const e of d.stageEvents) {
      if (activityRows.length >= c.activities) break
      activityRows.push({ id: rng.uuid7(e.at), record_type: 'deals', record_id: d.id, kind: 'stage_change', body: null, meta: { from: e.from, to: e.to }, actor_id: d.owner, occurred_at: iso(e.at), created_at: iso(e.at) })
    }
  }
  const targets = [
    ['contacts', contacts.length ? 30 : 0], ['accounts', accounts.length ? 15 : 0], ['deals', deals.length ? 30 : 0],
    ['tickets', tickets.length ? 15 : 0], ['leads', leadTimes.length ? 10 : 0],
  ] as const
  while (activityRows.length < c.activities) {
    const type = rng.weighted(targets)
    const record = type === 'contacts' ? rng.pick(contacts) : type === 'accounts' ? rng.pick(accounts) : type === 'deals' ? rng.pick(deals) : type === 'tickets' ? rng.pick(tickets) : rng.pick(leadTimes)
    const at = when.sample(record.created)
    const kind = type === 'tickets' ? rng.weighted([['email', 60], ['note', 30], ['call', 10]] as const) : rng.weighted([['note', 30], ['call', 30], ['email', 30], ['meeting', 10]] as const)
    const body = kind === 'call' ? `${rng.pick(['Call', 'Short call', 'Follow-up call'])}: ${rng.pick(NOTE_BODIES)}` : kind === 'meeting' ? `Meeting: ${rng.pick(NOTE_BODIES)}` : rng.pick(NOTE_BODIES)
    activityRows.push({ id: rng.uuid7(at), record_type: type, record_id: record.id, kind, body, meta: {}, actor_id: record.owner ?? rng.pick(staffIds), occurred_at: iso(at), created_at: iso(at) })
  }

  const common = 'owner_id uuid, created_by uuid, created_at timestamptz, updated_at timestamptz'
  await insertJson(tx, tenantId, 'accounts', `id uuid, name text, domain text, industry text, phone text, city text, country text, employees int, ${common}`, accountRows)
  await insertJson(tx, tenantId, 'contacts', `id uuid, account_id uuid, first_name text, last_name text, email text, phone text, job_title text, ${common}`, contactRows)
  await insertJson(tx, tenantId, 'deals', `id uuid, name text, account_id uuid, contact_id uuid, pipeline_id uuid, stage_id uuid, amount_minor bigint, currency text, expected_close_date date, source text, status deal_status, lost_reason text, closed_at timestamptz, stage_changed_at timestamptz, ${common}`, dealRows)
  await insertJson(tx, tenantId, 'leads', `id uuid, first_name text, last_name text, company text, email text, phone text, status lead_status, source text, lost_reason text, converted_at timestamptz, converted_account_id uuid, converted_contact_id uuid, converted_deal_id uuid, ${common}`, leadRows)
  await insertJson(tx, tenantId, 'tickets', `id uuid, subject text, description text, status ticket_status, priority record_priority, channel text, account_id uuid, contact_id uuid, sla_due_at timestamptz, first_response_at timestamptz, resolved_at timestamptz, ${common}`, ticketRows)
  await insertJson(tx, tenantId, 'tasks', `id uuid, title text, description text, status task_status, priority record_priority, due_at timestamptz, related_type text, related_id uuid, completed_at timestamptz, ${common}`, taskRows)
  await insertJson(tx, tenantId, 'activities', 'id uuid, record_type text, record_id uuid, kind activity_kind, body text, meta jsonb, actor_id uuid, occurred_at timestamptz, created_at timestamptz', activityRows, 10_000)
  return { accounts: accountRows.length, contacts: contactRows.length, leads: leadRows.length, deals: dealRows.length, tasks: taskRows.length, tickets: ticketRows.length, activities: activityRows.length }
}

export interface DemoRecordsReport { slug: string, ms: number, skipped: boolean, counts?: DemoRecordCounts }

/**
 * Seeds the demo tenants' records (run after seedDemo, which creates the tenants and users).
 * A tenant that already has accounts is skipped, so a re-seed never duplicates. Runs as the
 * owner, each tenant in its own transaction with app.tenant_id set (FORCE RLS).
 */
export async function seedDemoRecords(db: Db, defs: Record<string, DemoRecordsDef> = DEMO_RECORDS): Promise<DemoRecordsReport[]> {
  let hash: Promise<string> | undefined
  const passwordHash = () => (hash ??= hashPassword(DEMO_PASSWORD))
  const reports: DemoRecordsReport[] = []
  for (const [tenantSlug, def] of Object.entries(defs)) {
    const started = performance.now()
    const [tenant] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where slug = ${tenantSlug}`))
    if (!tenant) continue
    const report = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true)`)
      const [has] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from (select 1 from accounts where tenant_id = ${tenant.id} limit 1) x`))
      if (has!.n > 0) return { slug: tenantSlug, ms: 0, skipped: true }
      const members = await ensureStaff(tx as Tx, tenant.id, tenantSlug, def, passwordHash)
      const counts = await seedTenantRecords(tx as Tx, tenant.id, tenantSlug, def, members)
      return { slug: tenantSlug, ms: 0, skipped: false, counts }
    })
    report.ms = Math.round(performance.now() - started)
    reports.push(report)
  }
  return reports
}
