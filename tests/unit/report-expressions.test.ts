import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileExpression } from '../../server/services/reports/expressions'
import type { CompileContext } from '../../server/services/reports/expressions'
import { analyseExpression, checkExpression, EXPR_FUNCTIONS, EXPR_MAX_LENGTH, parseExpression } from '../../shared/report-expressions'
import type { ExprFunction, ExprNode, ExprType } from '../../shared/report-expressions'

const FIELDS: Record<string, ExprType> = {
  'amountMinor': 'number',
  'amount': 'number',
  'status': 'text',
  'name': 'text',
  'createdAt': 'datetime',
  'closedAt': 'datetime',
  'dueOn': 'date',
  'startOn': 'date',
  'won': 'boolean',
  'cf.region': 'text',
  'account.name': 'text',
  'account.cf.tier': 'text',
  'cf.my field': 'number',
}
const fieldType = (name: string): ExprType | undefined => FIELDS[name]

const ast = (source: string): ExprNode => {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.message} (at ${parsed.at})`)
  return parsed.ast
}
const typeOf = (source: string) => {
  const result = analyseExpression(source, fieldType)
  return result.ok ? result.type : `${result.message} (at ${result.at})`
}
const refusal = (source: string) => {
  const result = analyseExpression(source, fieldType)
  return result.ok ? null : { message: result.message, at: result.at }
}

describe('parseExpression', () => {
  it('binds * tighter than +, and parentheses tighter than both', () => {
    expect(ast('1 + 2 * 3')).toEqual({
      kind: 'binary', op: '+', at: 2,
      left: { kind: 'number', value: 1, at: 0 },
      right: { kind: 'binary', op: '*', at: 6, left: { kind: 'number', value: 2, at: 4 }, right: { kind: 'number', value: 3, at: 8 } },
    })
    expect(ast('(1 + 2) * 3')).toMatchObject({ kind: 'binary', op: '*', left: { kind: 'binary', op: '+' }, right: { value: 3 } })
    expect(ast('10 - 4 - 3')).toMatchObject({ op: '-', left: { op: '-', left: { value: 10 }, right: { value: 4 } }, right: { value: 3 } })
  })

  it('orders or < and < not < comparison < sum < product < unary minus', () => {
    expect(ast('won or amount > 1 and not status = "x"')).toMatchObject({
      op: 'or',
      left: { kind: 'field', name: 'won' },
      right: {
        op: 'and',
        left: { op: '>', left: { name: 'amount' }, right: { value: 1 } },
        right: { kind: 'unary', op: 'not', arg: { op: '=', left: { name: 'status' }, right: { kind: 'text', value: 'x' } } },
      },
    })
    expect(ast('-amount * 2')).toMatchObject({ op: '*', left: { kind: 'unary', op: '-', arg: { name: 'amount' } }, right: { value: 2 } })
    expect(ast('amount + 1 >= 2 * amountMinor')).toMatchObject({ op: '>=', left: { op: '+' }, right: { op: '*' } })
  })

  it('reads numbers, both quotes and backslash escapes of the quote and the backslash', () => {
    expect(ast('3.5')).toEqual({ kind: 'number', value: 3.5, at: 0 })
    expect(ast('"say \\"hi\\""')).toEqual({ kind: 'text', value: 'say "hi"', at: 0 })
    expect(ast('\'it\\\'s\'')).toMatchObject({ value: 'it\'s' })
    expect(ast('"it\'s"')).toMatchObject({ value: 'it\'s' })
    expect(ast('\'a\\\\b\'')).toMatchObject({ value: 'a\\b' })
    expect(ast('"a\\nb"')).toMatchObject({ value: 'a\\nb' })
    expect(ast('""')).toMatchObject({ kind: 'text', value: '' })
  })

  it('reads dotted and bracketed field names', () => {
    expect(ast('amountMinor')).toEqual({ kind: 'field', name: 'amountMinor', at: 0 })
    expect(ast('cf.region')).toEqual({ kind: 'field', name: 'cf.region', at: 0 })
    expect(ast('account.cf.tier')).toEqual({ kind: 'field', name: 'account.cf.tier', at: 0 })
    expect(ast('1 + [cf.my field]')).toMatchObject({ right: { kind: 'field', name: 'cf.my field', at: 4 } })
    expect(ast('[and]')).toEqual({ kind: 'field', name: 'and', at: 0 })
  })

  it('takes keywords and function names in any case', () => {
    expect(ast('TRUE')).toEqual({ kind: 'boolean', value: true, at: 0 })
    expect(ast('False')).toEqual({ kind: 'boolean', value: false, at: 0 })
    expect(ast('NULL')).toEqual({ kind: 'null', at: 0 })
    expect(ast('won AND NOT won Or won')).toMatchObject({ op: 'or', left: { op: 'and', right: { kind: 'unary', op: 'not' } } })
    expect(ast('Days_Between(createdAt, closedAt)')).toMatchObject({ kind: 'call', fn: 'days_between', args: [{ name: 'createdAt' }, { name: 'closedAt' }] })
    expect(ast('IF(won, 1, 0)')).toMatchObject({ kind: 'call', fn: 'if' })
    expect(ast('today()')).toEqual({ kind: 'call', fn: 'today', args: [], at: 0 })
  })

  it('reads <> as !=', () => {
    expect(ast('status <> "won"')).toMatchObject({ op: '!=', at: 7 })
    expect(ast('status != "won"')).toMatchObject({ op: '!=', at: 7 })
  })
})

describe('mistakes, said where they are', () => {
  it.each([
    ['amout * 2', 'Unknown field "amout"', 0],
    ['1 + account.nme', 'Unknown field "account.nme"', 4],
    ['sqrt(amount)', 'Unknown function "sqrt"', 0],
    ['1 + SQRT(4)', 'Unknown function "SQRT"', 4],
    ['if(won, 1)', 'if() takes 3 arguments, got 2', 0],
    ['round(1, 2, 3)', 'round() takes 1 or 2 arguments, got 3', 0],
    ['coalesce(amount)', 'coalesce() takes at least 2 arguments, got 1', 0],
    ['today(1)', 'today() takes no arguments, got 1', 0],
    ['abs()', 'abs() takes 1 argument, got 0', 0],
    ['(1 + 2', 'Expected ")" but found end of expression', 6],
    ['round(amount', 'Expected ")" but found end of expression', 12],
    ['round(amount 2)', 'Expected "," or ")" but found "2"', 13],
    ['1 + * 2', 'Unexpected "*"', 4],
    ['amount *', 'Unexpected end of expression', 8],
    ['amount 2', 'Unexpected "2"', 7],
    ['(amount))', 'Unexpected ")" with no "(" before it', 8],
    ['amount # 2', 'Unexpected "#"', 7],
    ['1 + and', 'Unexpected "and"', 4],
    ['  ', 'The expression is empty', 0],
    ['"open', 'The text has no closing "', 0],
    ['1 + [cf.region', 'The field name has no closing "]"', 4],
    ['[]', 'Empty field name "[]"', 0],
    ['1 < amount < 3', 'Comparisons cannot be chained: join them with "and"', 11],
    ['if(won, amount, status)', 'The two branches of if() must be of one type: number and text', 16],
    ['coalesce(dueOn, null, createdAt)', 'The arguments of coalesce() must be of one type: date and datetime', 22],
    ['status = 1', 'Comparing text (status) with a number', 7],
    ['won < won', 'Booleans can only be compared with "=" or "!="', 4],
    ['status / 2', 'Cannot divide text (status) by a number', 7],
    ['2 * won', 'Cannot multiply a number by a boolean (won)', 2],
    ['amount + "x"', 'Cannot add a number (amount) and text', 7],
    ['amount - dueOn', 'Cannot subtract a date (dueOn) from a number (amount)', 7],
    ['createdAt + 1', 'Cannot add a number to a datetime (createdAt): use add_days()', 10],
    ['closedAt - dueOn', 'Cannot subtract a date (dueOn) from a datetime (closedAt): use date() on the datetime first', 9],
    ['-status', 'Cannot negate text (status)', 0],
    ['won and amount', '"and" needs a boolean on each side, not a number (amount)', 8],
    ['not status', '"not" needs a boolean, not text (status)', 4],
    ['if(amount, 1, 0)', 'The condition of if() must be a boolean, not a number (amount)', 3],
    ['round(status)', 'The argument of round() must be a number, not text (status)', 6],
    ['round(amount, 7)', 'The second argument of round() must be a whole number from 0 to 6', 14],
    ['round(amount, amountMinor)', 'The second argument of round() must be a whole number from 0 to 6', 14],
    ['days_between(createdAt, 3)', 'The second argument of days_between() must be a date or datetime, not a number', 24],
    ['add_days(amount, 1)', 'The first argument of add_days() must be a date or datetime, not a number (amount)', 9],
    ['min(status, name)', 'The first argument of min() must be a number or a date, not text (status)', 4],
    ['max(amount, dueOn)', 'The arguments of max() must be of one type: number and date', 12],
    ['lower(amount)', 'The argument of lower() must be text, not a number (amount)', 6],
    ['null', 'The expression is always empty (null)', 0],
  ])('%s', (source, message, at) => {
    expect(refusal(source)).toEqual({ message, at })
  })
})

describe('types', () => {
  it.each<[string, ExprType]>([
    ['amountMinor * 0.2', 'number'],
    ['if(status = "won", amount, 0)', 'number'],
    ['if(won, null, status)', 'text'],
    ['coalesce(cf.region, account.name, "none")', 'text'],
    ['round(amount)', 'number'],
    ['round(amount / 3, 2)', 'number'],
    ['abs(-amount) + floor(amount) + ceil(amount)', 'number'],
    ['min(amount, 10)', 'number'],
    ['max(dueOn, startOn)', 'date'],
    ['min(createdAt, closedAt)', 'datetime'],
    ['days_between(createdAt, closedAt)', 'number'],
    ['days_between(startOn, closedAt)', 'number'],
    ['hours_between(createdAt, dueOn)', 'number'],
    ['year(createdAt) + month(dueOn) + quarter(dueOn) + day(createdAt) + weekday(dueOn)', 'number'],
    ['date(createdAt)', 'date'],
    ['today()', 'date'],
    ['now()', 'datetime'],
    ['add_days(dueOn, 3)', 'date'],
    ['add_days(createdAt, -1.5)', 'datetime'],
    ['concat(name, " ", amount, won, dueOn, null)', 'text'],
    ['lower(name)', 'text'],
    ['upper(account.cf.tier)', 'text'],
    ['length(name)', 'number'],
    ['is_empty(closedAt)', 'boolean'],
    ['dueOn + 7', 'date'],
    ['dueOn - 7', 'date'],
    ['dueOn - startOn', 'number'],
    ['closedAt - createdAt', 'number'],
    ['dueOn < createdAt', 'boolean'],
    ['closedAt = null', 'boolean'],
    ['won = true and not won != false', 'boolean'],
    ['[cf.my field] / 100', 'number'],
  ])('%s is %s', (source, type) => {
    expect(typeOf(source)).toBe(type)
  })

  it('covers every function', () => {
    const fns = Object.keys(EXPR_FUNCTIONS) as ExprFunction[]
    expect(fns).toHaveLength(24)
    for (const fn of fns) expect(EXPR_FUNCTIONS[fn].description.length).toBeGreaterThan(5)
  })

  it('lists the fields used, once each, in the order first seen', () => {
    const result = analyseExpression('amount + amount * amountMinor + days_between(createdAt, closedAt) + days_between(createdAt, closedAt)', fieldType)
    expect(result).toMatchObject({ ok: true, type: 'number', fields: ['amount', 'amountMinor', 'createdAt', 'closedAt'] })
    expect(analyseExpression('1 + 2', fieldType)).toMatchObject({ ok: true, fields: [] })
  })

  it('refuses trees that did not come from the parser and break the rules', () => {
    const n = (value: number): ExprNode => ({ kind: 'number', value, at: 0 })
    expect(checkExpression({ kind: 'call', fn: 'sqrt' as ExprFunction, args: [n(4)], at: 3 }, fieldType)).toEqual({ ok: false, message: 'Unknown function "sqrt"', at: 3 })
    expect(checkExpression({ kind: 'binary', op: 'xor' as '+', left: n(1), right: n(2), at: 1 }, fieldType)).toMatchObject({ ok: false, message: 'Unknown operator' })
    expect(checkExpression(n(Infinity), fieldType)).toMatchObject({ ok: false, message: 'The number is too large' })
    expect(checkExpression({ kind: 'field', name: 'secret', at: 0 }, fieldType)).toMatchObject({ ok: false, message: 'Unknown field "secret"' })
  })
})

describe('limits', () => {
  it('takes at most EXPR_MAX_LENGTH characters', () => {
    const fits = `${'1+'.repeat(EXPR_MAX_LENGTH / 2 - 1)}11`
    expect(fits.length).toBe(EXPR_MAX_LENGTH)
    expect(parseExpression(fits).ok).toBe(true)
    expect(parseExpression(`${fits} `)).toEqual({ ok: false, message: 'The expression is too long: 501 characters, at most 500', at: 500 })
  })

  it('nests at most 32 levels', () => {
    expect(parseExpression(`${'('.repeat(32)}1${')'.repeat(32)}`).ok).toBe(true)
    expect(parseExpression(`${'('.repeat(33)}1${')'.repeat(33)}`)).toEqual({ ok: false, message: 'The expression is nested too deeply (at most 32 levels)', at: 32 })
    expect(parseExpression(`${'abs('.repeat(33)}1${')'.repeat(33)}`)).toMatchObject({ ok: false, message: 'The expression is nested too deeply (at most 32 levels)', at: 32 * 4 + 3 })
    expect(parseExpression(`${'-'.repeat(33)}1`)).toMatchObject({ ok: false, at: 32 })
    expect(parseExpression(`${'not '.repeat(33)}true`)).toMatchObject({ ok: false, at: 128 })
  })

  it('calls at most 50 functions', () => {
    expect(parseExpression(Array.from({ length: 50 }, () => 'now()').join(' = ')).ok).toBe(false)
    const fifty = Array.from({ length: 50 }, () => 'abs(1)').join('+')
    expect(parseExpression(fifty).ok).toBe(true)
    expect(parseExpression(`${fifty}+abs(1)`)).toEqual({ ok: false, message: 'Too many function calls (at most 50)', at: fifty.length + 1 })
  })
})

const dialect = new PgDialect()
const context: CompileContext = {
  field: name => sql`t.${sql.identifier(name)}`,
  fieldType,
  timeZone: 'Europe/Berlin',
}
const toQuery = (source: string, ctx = context) => dialect.sqlToQuery(compileExpression(ast(source), ctx))

describe('compileExpression', () => {
  it('puts what the user wrote into parameters only', () => {
    const hostile = '\'; drop table x; --'
    const query = toQuery(`if(status = "${hostile.replace(/"/g, '\\"')}", amount * 12.5, -3) > 1 and name != 'Robert"); --'`)
    expect(query.params).toEqual(expect.arrayContaining([hostile, 12.5, 3, 1, 'Robert"); --']))
    expect(query.sql).not.toContain('drop')
    expect(query.sql).not.toContain('Robert')
    expect(query.sql).not.toMatch(/(?<!\$)\b(?:12\.5|3)\b/)
    expect(query.sql).toContain('$1::text')
    expect(query.sql).toContain('::numeric')
  })

  it('binds the time zone too', () => {
    const query = toQuery('year(createdAt)', { ...context, timeZone: 'Europe/Berlin\'; --' })
    expect(query.sql).toBe('extract(year from (t."createdAt" at time zone $1::text)::date)::numeric')
    expect(query.params).toEqual(['Europe/Berlin\'; --'])
  })

  it('divides by nullif so that dividing by zero is null, not an error', () => {
    expect(toQuery('amount / amountMinor')).toMatchObject({ sql: '(t."amount" / nullif(t."amountMinor", 0))', params: [] })
  })

  it('writes if as case, and casts null to the type around it', () => {
    expect(toQuery('if(won, null, amount)')).toMatchObject({ sql: '(case when t."won" then $1::numeric else t."amount" end)', params: [null] })
    expect(toQuery('closedAt = null').sql).toBe('(t."closedAt" is not distinct from $1::timestamptz)')
  })

  it('takes function names from its own switch, never from the tree', () => {
    const forged = { kind: 'call', fn: 'pg_sleep', args: [{ kind: 'number', value: 1, at: 0 }], at: 0 } as unknown as ExprNode
    expect(() => compileExpression(forged, context)).toThrow('Unknown function "pg_sleep"')
    expect(() => compileExpression(ast('amout'), context)).toThrow('Unknown field "amout"')
  })
})

// Real evaluation in PostgreSQL, in process (PGlite, as tests/unit/seed.test.ts uses): the SQL
// runs, its values are the ones a user would expect, and its types are the checker's.
describe('compiled expressions in PostgreSQL', () => {
  let db: PGlite
  beforeAll(async () => {
    db = new PGlite()
    await db.waitReady
  }, 120_000)
  afterAll(async () => {
    await db.close()
  })

  /** One row: created 2024-03-30 22:30 UTC (Saturday 23:30 in Berlin), closed across the DST change. */
  const ROW = sql`select 1250::numeric as "amountMinor", 12.5::numeric as "amount", 'won'::text as "status", 'Ada'::text as "name",
    '2024-03-30T22:30:00Z'::timestamptz as "createdAt", '2024-04-01T10:30:00Z'::timestamptz as "closedAt",
    '2024-03-29'::date as "dueOn", '2024-03-01'::date as "startOn", true as "won",
    null::text as "cf.region", ''::text as "account.name", 'Gold'::text as "account.cf.tier", 0::numeric as "cf.my field"`
  const SQL_TYPE: Record<ExprType, string> = { number: 'numeric', text: 'text', date: 'date', datetime: 'timestamp with time zone', boolean: 'boolean' }

  const evaluate = async (source: string) => {
    const analysed = analyseExpression(source, fieldType)
    if (!analysed.ok) throw new Error(`${source}: ${analysed.message}`)
    const expr: SQL = compileExpression(analysed.ast, context)
    const query = dialect.sqlToQuery(sql`with t as (${ROW}) select (${expr})::text as v, pg_typeof(${expr})::text as type from t`)
    const { rows } = await db.query<{ v: string | null, type: string }>(query.sql, query.params)
    expect(rows[0]!.type, source).toBe(SQL_TYPE[analysed.type])
    return rows[0]!.v
  }

  it.each<[string, string | null]>([
    ['amountMinor * 0.2', '250.0'],
    ['1 + 2 * 3', '7'],
    ['amount / 0', null],
    ['amount / [cf.my field]', null],
    ['if(status = "won", amount, 0)', '12.5'],
    ['if(status = "lost", amount, 0)', '0'],
    ['if(null, 1, 2)', '2'],
    ['status != "lost" and cf.region != "EU"', 'true'],
    ['cf.region = null', 'true'],
    ['coalesce(cf.region, account.cf.tier)', 'Gold'],
    ['round(amount / 3, 2)', '4.17'],
    ['round(amount)', '13'],
    ['abs(-amount) + floor(2.7) + ceil(2.1)', '17.5'],
    ['min(amount, 10)', '10'],
    ['max(dueOn, startOn)', '2024-03-29'],
    ['days_between(createdAt, closedAt)', '1.5000000000000000'],
    ['days_between(startOn, dueOn)', '28'],
    // A date counts from its midnight in Berlin (23:00 UTC the day before, in winter time).
    ['days_between(dueOn, closedAt)', '3.4791666666666667'],
    ['hours_between(createdAt, closedAt)', '36.0000000000000000'],
    ['date(createdAt)', '2024-03-30'],
    ['year(createdAt) * 100 + month(createdAt)', '202403'],
    ['quarter(closedAt)', '2'],
    ['day(createdAt)', '30'],
    ['weekday(createdAt)', '6'],
    ['weekday(dueOn)', '5'],
    ['dueOn + 3', '2024-04-01'],
    ['dueOn - startOn', '28'],
    ['closedAt - createdAt', '1.5000000000000000'],
    ['dueOn < createdAt', 'true'],
    ['add_days(dueOn, 2)', '2024-03-31'],
    ['date(add_days(createdAt, 1))', '2024-03-31'],
    ['hours_between(createdAt, add_days(createdAt, 1))', '23.0000000000000000'],
    ['concat(name, " ", amount, " ", won, " ", dueOn, " ", createdAt, cf.region)', 'Ada 12.5 true 2024-03-29 2024-03-30 23:30:00'],
    ['lower(name) = "ada" and upper(name) = "ADA"', 'true'],
    ['length(account.cf.tier)', '4'],
    ['is_empty(account.name) and is_empty(cf.region) and not is_empty(name)', 'true'],
    ['is_empty(null)', 'true'],
    ['concat("\'; drop table x; --", name)', '\'; drop table x; --Ada'],
    ['today() >= date(createdAt)', 'true'],
    ['now() > closedAt', 'true'],
  ])('%s → %s', async (source, expected) => {
    expect(await evaluate(source)).toBe(expected)
  })
})
