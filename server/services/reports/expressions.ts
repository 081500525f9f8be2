import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { typeOfNodes } from '#shared/report-expressions'
import type { ExprNode, ExprNodeType, ExprType } from '#shared/report-expressions'

// Calculated report columns as SQL. Every value the user wrote is a bound parameter with a cast;
// every keyword, operator and function name comes from the switches below, never from the tree.

export interface CompileContext {
  /** SQL for a field the checker accepted (already cast to its type: numeric, text, date, timestamptz, boolean). */
  field: (name: string) => SQL
  /** The field's type, as given to checkExpression. */
  fieldType: (name: string) => ExprType | undefined
  /** IANA zone for today()/date()/year()… of datetimes, e.g. 'Europe/Berlin'. */
  timeZone: string
}

interface Fragment {
  sql: SQL
  type: ExprNodeType
}

const CAST: Record<ExprType, SQL> = {
  number: sql.raw('numeric'),
  text: sql.raw('text'),
  date: sql.raw('date'),
  datetime: sql.raw('timestamptz'),
  boolean: sql.raw('boolean'),
}

/**
 * The SQL of a checked expression, of the type the checker gave it. Checks the tree again first
 * (it may come from storage rather than from the parser) and throws on anything the checker
 * refuses, so a malformed tree never becomes SQL.
 */
export function compileExpression(ast: ExprNode, ctx: CompileContext): SQL {
  const checked = (() => {
    try {
      return typeOfNodes(ast, ctx.fieldType)
    }
    catch (e) {
      const message = (e as { message?: unknown }).message
      throw new Error(`Cannot compile the expression: ${typeof message === 'string' ? message : String(e)}`)
    }
  })()
  const typeOf = (node: ExprNode) => checked.types.get(node)!
  const tz = sql`${ctx.timeZone}::text`

  /** A value of the given type: an untyped null gets its cast here, so PostgreSQL never has to guess. */
  const as = (f: Fragment, type: ExprType): SQL => f.type === 'null' ? sql`${f.sql}::${CAST[type]}` : f.sql
  /** The local calendar day of a date or datetime, in the workspace's zone. */
  const localDate = (f: Fragment): SQL => f.type === 'datetime' ? sql`(${f.sql} at time zone ${tz})::date` : as(f, 'date')
  /** The instant of a date or datetime; a date starts at its local midnight. */
  const instant = (f: Fragment): SQL => f.type === 'date' ? sql`(${f.sql}::timestamp at time zone ${tz})` : as(f, 'datetime')
  const asText = (f: Fragment): SQL => {
    switch (f.type) {
      case 'number': return sql`trim_scale(${f.sql})::text`
      case 'date': return sql`to_char(${f.sql}, 'YYYY-MM-DD')`
      case 'datetime': return sql`to_char(${f.sql} at time zone ${tz}, 'YYYY-MM-DD HH24:MI:SS')`
      default: return sql`${f.sql}::text`
    }
  }

  const compile = (node: ExprNode): Fragment => {
    const type = typeOf(node)
    // if(c, null, null), coalesce(null, null) and the like are null whatever else they hold.
    if (type === 'null') return { sql: sql`${null}`, type }
    return { sql: compileTyped(node, type), type }
  }

  const compileTyped = (node: ExprNode, type: ExprType): SQL => {
    switch (node.kind) {
      case 'number': return sql`${node.value}::numeric`
      case 'text': return sql`${node.value}::text`
      case 'boolean': return sql`${node.value}::boolean`
      case 'field': return ctx.field(node.name)
      case 'unary': {
        const arg = compile(node.arg)
        return node.op === '-' ? sql`(- ${as(arg, 'number')})` : sql`(not ${as(arg, 'boolean')})`
      }
      case 'binary': return binary(node, compile(node.left), compile(node.right))
      case 'call': return call(node, node.args.map(compile), type)
      default: throw new Error('Cannot compile the expression: malformed node')
    }
  }

  const binary = (node: Extract<ExprNode, { kind: 'binary' }>, l: Fragment, r: Fragment): SQL => {
    const num = (f: Fragment) => as(f, 'number')
    switch (node.op) {
      case '+':
        if (l.type === 'date') return sql`(${l.sql} + (${num(r)})::integer)`
        return sql`(${num(l)} + ${num(r)})`
      case '-':
        if (l.type === 'date' && r.type === 'date') return sql`(${l.sql} - ${r.sql})::numeric`
        if (l.type === 'date') return sql`(${l.sql} - (${num(r)})::integer)`
        if (l.type === 'datetime') return sql`(extract(epoch from (${l.sql} - ${as(r, 'datetime')})) / 86400)`
        return sql`(${num(l)} - ${num(r)})`
      case '*': return sql`(${num(l)} * ${num(r)})`
      case '/': return sql`(${num(l)} / nullif(${num(r)}, 0))`
      case 'and': return sql`(${as(l, 'boolean')} and ${as(r, 'boolean')})`
      case 'or': return sql`(${as(l, 'boolean')} or ${as(r, 'boolean')})`
      default: return comparison(node.op, l, r)
    }
  }

  /** `=` and `!=` treat null as a value (`status != "won"` holds for a row without status), as users read them. */
  const comparison = (op: '=' | '!=' | '<' | '<=' | '>' | '>=', l: Fragment, r: Fragment): SQL => {
    let left: SQL
    let right: SQL
    if (l.type !== r.type && (l.type === 'datetime' || r.type === 'datetime') && l.type !== 'null' && r.type !== 'null') {
      left = instant(l)
      right = instant(r)
    }
    else {
      const type = l.type !== 'null' ? l.type : r.type !== 'null' ? r.type : 'text'
      left = as(l, type)
      right = as(r, type)
    }
    switch (op) {
      case '=': return sql`(${left} is not distinct from ${right})`
      case '!=': return sql`(${left} is distinct from ${right})`
      case '<': return sql`(${left} < ${right})`
      case '<=': return sql`(${left} <= ${right})`
      case '>': return sql`(${left} > ${right})`
      case '>=': return sql`(${left} >= ${right})`
    }
  }

  const call = (node: Extract<ExprNode, { kind: 'call' }>, args: Fragment[], type: ExprType): SQL => {
    const [a, b] = args as [Fragment, Fragment]
    const each = (list: Fragment[]) => sql.join(list.map(f => as(f, type)), sql`, `)
    switch (node.fn) {
      case 'if': return sql`(case when ${as(a, 'boolean')} then ${as(b, type)} else ${as(args[2]!, type)} end)`
      case 'coalesce': return sql`coalesce(${each(args)})`
      case 'round': {
        const digits = node.args[1]
        return digits?.kind === 'number' ? sql`round(${as(a, 'number')}, ${digits.value}::integer)` : sql`round(${as(a, 'number')})`
      }
      case 'abs': return sql`abs(${as(a, 'number')})`
      case 'floor': return sql`floor(${as(a, 'number')})`
      case 'ceil': return sql`ceil(${as(a, 'number')})`
      case 'min': return sql`least(${each(args)})`
      case 'max': return sql`greatest(${each(args)})`
      case 'days_between':
        if (a.type !== 'datetime' && b.type !== 'datetime') return sql`(${as(b, 'date')} - ${as(a, 'date')})::numeric`
        return sql`(extract(epoch from (${instant(b)} - ${instant(a)})) / 86400)`
      case 'hours_between': return sql`(extract(epoch from (${instant(b)} - ${instant(a)})) / 3600)`
      case 'year': return sql`extract(year from ${localDate(a)})::numeric`
      case 'month': return sql`extract(month from ${localDate(a)})::numeric`
      case 'quarter': return sql`extract(quarter from ${localDate(a)})::numeric`
      case 'day': return sql`extract(day from ${localDate(a)})::numeric`
      case 'weekday': return sql`extract(isodow from ${localDate(a)})::numeric`
      case 'date': return localDate(a)
      case 'today': return sql`(now() at time zone ${tz})::date`
      case 'now': return sql`now()`
      case 'add_days':
        if (type === 'date') return sql`(${a.sql} + (${as(b, 'number')})::integer)`
        // Days of the local calendar: 1 day after 12:00 is 12:00 again across a DST change.
        return sql`(((${a.sql} at time zone ${tz}) + ${as(b, 'number')} * interval '1 day') at time zone ${tz})`
      case 'concat': return sql`concat(${sql.join(args.map(asText), sql`, `)})`
      case 'lower': return sql`lower(${as(a, 'text')})`
      case 'upper': return sql`upper(${as(a, 'text')})`
      case 'length': return sql`length(${as(a, 'text')})::numeric`
      case 'is_empty': {
        const value = a.type === 'null' ? as(a, 'text') : a.sql
        return sql`(${value} is null or ${value}::text = '')`
      }
      default: throw new Error('Cannot compile the expression: unknown function')
    }
  }

  return as(compile(ast), typeOf(ast) as ExprType)
}
