// The expression language of calculated report columns: parsed and type-checked here, in the
// browser as the user types and on the server when a report is saved; compiled to SQL by
// server/services/reports/expressions.ts. The grammar is small and closed so that everything a
// user can write has one meaning, one type and one bounded size.

export type ExprType = 'number' | 'text' | 'date' | 'datetime' | 'boolean'

export type ExprFunction
  = | 'if' | 'coalesce'
    | 'round' | 'abs' | 'floor' | 'ceil' | 'min' | 'max'
    | 'days_between' | 'hours_between'
    | 'year' | 'month' | 'quarter' | 'day' | 'weekday'
    | 'date' | 'today' | 'now' | 'add_days'
    | 'concat' | 'lower' | 'upper' | 'length'
    | 'is_empty'

export type ExprBinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or'

/**
 * A parsed expression. `at` is the 0-based offset in the source of the token that made the node:
 * the operator of a unary or binary node, the name of a call, the literal or field otherwise.
 */
export type ExprNode
  = | { kind: 'number', value: number, at: number }
    | { kind: 'text', value: string, at: number }
    | { kind: 'boolean', value: boolean, at: number }
    | { kind: 'null', at: number }
    | { kind: 'field', name: string, at: number }
    | { kind: 'unary', op: '-' | 'not', arg: ExprNode, at: number }
    | { kind: 'binary', op: ExprBinaryOp, left: ExprNode, right: ExprNode, at: number }
    | { kind: 'call', fn: ExprFunction, args: ExprNode[], at: number }

/** Why an expression was refused, worded for the user; `at` = 0-based character offset in the source. */
export type ExprError = { ok: false, message: string, at: number }

/** Longest source accepted: a calculated column is a formula, not a program. */
export const EXPR_MAX_LENGTH = 500
/** Parentheses, call arguments and unary operators inside one another. */
export const EXPR_MAX_DEPTH = 32
/** Function calls in one expression. */
export const EXPR_MAX_CALLS = 50

/** The functions for the help panel of the editor, in the order they are listed there. */
export const EXPR_FUNCTIONS: Record<ExprFunction, { args: string, returns: string, description: string }> = {
  if: { args: 'condition, a, b', returns: 'type of a and b', description: 'a when the condition is true, b otherwise (also when it is empty)' },
  coalesce: { args: 'a, b, …', returns: 'type of the arguments', description: 'The first argument that is not empty' },
  round: { args: 'number[, digits 0–6]', returns: 'number', description: 'Rounded to whole numbers, or to the given digits after the point' },
  abs: { args: 'number', returns: 'number', description: 'The number without its sign' },
  floor: { args: 'number', returns: 'number', description: 'The nearest whole number below' },
  ceil: { args: 'number', returns: 'number', description: 'The nearest whole number above' },
  min: { args: 'a, b (numbers or dates)', returns: 'type of a and b', description: 'The smaller of two values of this row (not a total over rows); an empty one is ignored' },
  max: { args: 'a, b (numbers or dates)', returns: 'type of a and b', description: 'The larger of two values of this row (not a total over rows); an empty one is ignored' },
  days_between: { args: 'start, end (dates or datetimes)', returns: 'number', description: 'Days from start to end, with fractions for datetimes; negative when end comes first' },
  hours_between: { args: 'start, end (dates or datetimes)', returns: 'number', description: 'Hours from start to end; a date counts from its midnight' },
  year: { args: 'date or datetime', returns: 'number', description: 'The year, in the workspace\'s time zone' },
  month: { args: 'date or datetime', returns: 'number', description: 'The month, 1–12' },
  quarter: { args: 'date or datetime', returns: 'number', description: 'The quarter, 1–4' },
  day: { args: 'date or datetime', returns: 'number', description: 'The day of the month, 1–31' },
  weekday: { args: 'date or datetime', returns: 'number', description: 'The day of the week, 1 = Monday to 7 = Sunday' },
  date: { args: 'datetime', returns: 'date', description: 'The day a datetime falls on, in the workspace\'s time zone' },
  today: { args: '', returns: 'date', description: 'Today, in the workspace\'s time zone' },
  now: { args: '', returns: 'datetime', description: 'The current date and time' },
  add_days: { args: 'date or datetime, days', returns: 'type of the first argument', description: 'The date or datetime that many days later (earlier when negative); whole days for a date' },
  concat: { args: 'a, b, …', returns: 'text', description: 'The arguments written out and joined; an empty one adds nothing' },
  lower: { args: 'text', returns: 'text', description: 'The text in lower case' },
  upper: { args: 'text', returns: 'text', description: 'The text in upper case' },
  length: { args: 'text', returns: 'number', description: 'The number of characters' },
  is_empty: { args: 'value', returns: 'boolean', description: 'True when the value is missing or is empty text' },
}

const FUNCTIONS = new Set(Object.keys(EXPR_FUNCTIONS))
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null'])
const BINARY_OPS = new Set<string>(['+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'])
const COMPARISONS = new Set<string>(['=', '!=', '<', '<=', '>', '>='])

class Refusal {
  constructor(readonly message: string, readonly at: number) {}
}

const refuse = (message: string, at: number): never => {
  throw new Refusal(message, at)
}

function attempt<T>(run: () => T): T | ExprError {
  try {
    return run()
  }
  catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message, at: e.at }
    throw e
  }
}

// ── Tokens ──────────────────────────────────────────────────────────────────────────────────

type Token
  = | { t: 'number', value: number, text: string, at: number }
    | { t: 'text', value: string, text: string, at: number }
  /** An identifier, possibly dotted; keywords and function names are told apart by the parser. */
    | { t: 'name', value: string, text: string, at: number }
    | { t: 'field', value: string, text: string, at: number }
    | { t: 'op', value: string, text: string, at: number }
    | { t: 'end', at: number }
  /** A character the lexer could not read: reported when the parser reaches it, so earlier mistakes come first. */
    | { t: 'bad', message: string, at: number }

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y
const NUMBER = /\d+(?:\.\d+)?/y
const OPS = ['<>', '!=', '<=', '>=', '+', '-', '*', '/', '=', '<', '>', '(', ')', ',']

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (token: Token) => tokens.push(token)
  while (i < source.length) {
    const c = source[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const at = i
    NUMBER.lastIndex = i
    IDENT.lastIndex = i
    const number = NUMBER.exec(source)
    const ident = number ? null : IDENT.exec(source)
    if (number) {
      const value = Number(number[0])
      if (!Number.isFinite(value)) {
        push({ t: 'bad', message: 'The number is too large', at })
        return tokens
      }
      push({ t: 'number', value, text: number[0], at })
      i += number[0].length
    }
    else if (ident) {
      push({ t: 'name', value: ident[0], text: ident[0], at })
      i += ident[0].length
    }
    else if (c === '"' || c === '\'') {
      let value = ''
      let j = i + 1
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && (source[j + 1] === c || source[j + 1] === '\\')) j++
        value += source[j]
        j++
      }
      if (j >= source.length) {
        push({ t: 'bad', message: `The text has no closing ${c}`, at })
        return tokens
      }
      push({ t: 'text', value, text: source.slice(i, j + 1), at })
      i = j + 1
    }
    else if (c === '[') {
      const close = source.indexOf(']', i + 1)
      if (close < 0) {
        push({ t: 'bad', message: 'The field name has no closing "]"', at })
        return tokens
      }
      const name = source.slice(i + 1, close)
      if (!name.trim()) {
        push({ t: 'bad', message: 'Empty field name "[]"', at })
        return tokens
      }
      push({ t: 'field', value: name, text: source.slice(i, close + 1), at })
      i = close + 1
    }
    else {
      const op = OPS.find(o => source.startsWith(o, i))
      if (!op) {
        push({ t: 'bad', message: `Unexpected "${c}"`, at })
        return tokens
      }
      push({ t: 'op', value: op === '<>' ? '!=' : op, text: op, at })
      i += op.length
    }
  }
  push({ t: 'end', at: source.length })
  return tokens
}

const shown = (token: Token): string => {
  if (token.t === 'end') return 'end of expression'
  if (token.t === 'bad') return 'an unreadable character'
  const text = token.text.length > 24 ? `${token.text.slice(0, 24)}…` : token.text
  return `"${text}"`
}

// ── Parser ──────────────────────────────────────────────────────────────────────────────────

const keyword = (token: Token): string | null =>
  token.t === 'name' && KEYWORDS.has(token.value.toLowerCase()) ? token.value.toLowerCase() : null

function parseTokens(tokens: Token[]): ExprNode {
  let pos = 0
  let depth = 0
  let calls = 0
  const peek = (): Token => {
    const token = tokens[pos]!
    if (token.t === 'bad') refuse(token.message, token.at)
    return token
  }
  const next = (): Token => {
    const token = peek()
    pos++
    return token
  }
  const isOp = (token: Token, ...ops: string[]) => token.t === 'op' && ops.includes(token.value)
  const isKeyword = (token: Token, word: string) => keyword(token) === word
  const enter = (at: number) => {
    if (++depth > EXPR_MAX_DEPTH) refuse(`The expression is nested too deeply (at most ${EXPR_MAX_DEPTH} levels)`, at)
  }

  function parseOr(): ExprNode {
    let left = parseAnd()
    while (isKeyword(peek(), 'or')) {
      const at = next().at
      left = { kind: 'binary', op: 'or', left, right: parseAnd(), at }
    }
    return left
  }

  function parseAnd(): ExprNode {
    let left = parseNot()
    while (isKeyword(peek(), 'and')) {
      const at = next().at
      left = { kind: 'binary', op: 'and', left, right: parseNot(), at }
    }
    return left
  }

  function parseNot(): ExprNode {
    if (!isKeyword(peek(), 'not')) return parseComparison()
    const at = next().at
    enter(at)
    const arg = parseNot()
    depth--
    return { kind: 'unary', op: 'not', arg, at }
  }

  function parseComparison(): ExprNode {
    const left = parseSum()
    const token = peek()
    if (token.t !== 'op' || !COMPARISONS.has(token.value)) return left
    next()
    const node: ExprNode = { kind: 'binary', op: token.value as ExprBinaryOp, left, right: parseSum(), at: token.at }
    const after = peek()
    if (after.t === 'op' && COMPARISONS.has(after.value)) refuse(`Comparisons cannot be chained: join them with "and"`, after.at)
    return node
  }

  function parseSum(): ExprNode {
    let left = parseProduct()
    while (isOp(peek(), '+', '-')) {
      const token = next() as Extract<Token, { t: 'op' }>
      left = { kind: 'binary', op: token.value as '+' | '-', left, right: parseProduct(), at: token.at }
    }
    return left
  }

  function parseProduct(): ExprNode {
    let left = parseUnary()
    while (isOp(peek(), '*', '/')) {
      const token = next() as Extract<Token, { t: 'op' }>
      left = { kind: 'binary', op: token.value as '*' | '/', left, right: parseUnary(), at: token.at }
    }
    return left
  }

  function parseUnary(): ExprNode {
    if (!isOp(peek(), '-')) return parsePrimary()
    const at = next().at
    enter(at)
    const arg = parseUnary()
    depth--
    return { kind: 'unary', op: '-', arg, at }
  }

  function parsePrimary(): ExprNode {
    const token = next()
    switch (token.t) {
      case 'number': return { kind: 'number', value: token.value, at: token.at }
      case 'text': return { kind: 'text', value: token.value, at: token.at }
      case 'field': return { kind: 'field', name: token.value, at: token.at }
      case 'name': {
        const word = keyword(token)
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', at: token.at }
        if (word === 'null') return { kind: 'null', at: token.at }
        if (word) return refuse(`Unexpected "${token.text}"`, token.at)
        if (isOp(peek(), '(')) return parseCall(token)
        return { kind: 'field', name: token.value, at: token.at }
      }
      case 'op':
        if (token.value === '(') {
          enter(token.at)
          const inner = parseOr()
          expectClose()
          depth--
          return inner
        }
        return refuse(`Unexpected ${shown(token)}`, token.at)
      default:
        return refuse(token.t === 'end' ? 'Unexpected end of expression' : `Unexpected ${shown(token)}`, token.at)
    }
  }

  function expectClose(): void {
    const token = peek()
    if (!isOp(token, ')')) refuse(`Expected ")" but found ${shown(token)}`, token.at)
    next()
  }

  function parseCall(name: Extract<Token, { t: 'name' }>): ExprNode {
    const fn = name.value.toLowerCase()
    if (!FUNCTIONS.has(fn)) refuse(`Unknown function "${name.value}"`, name.at)
    if (++calls > EXPR_MAX_CALLS) refuse(`Too many function calls (at most ${EXPR_MAX_CALLS})`, name.at)
    const open = next()
    enter(open.at)
    const args: ExprNode[] = []
    if (isOp(peek(), ')')) next()
    else {
      for (;;) {
        args.push(parseOr())
        const token = peek()
        if (isOp(token, ',')) {
          next()
          continue
        }
        if (isOp(token, ')') || token.t === 'end') {
          expectClose()
          break
        }
        refuse(`Expected "," or ")" but found ${shown(token)}`, token.at)
      }
    }
    depth--
    return { kind: 'call', fn: fn as ExprFunction, args, at: name.at }
  }

  const first = peek()
  if (first.t === 'end') refuse('The expression is empty', 0)
  const ast = parseOr()
  const rest = peek()
  if (rest.t !== 'end') refuse(isOp(rest, ')') ? 'Unexpected ")" with no "(" before it' : `Unexpected ${shown(rest)}`, rest.at)
  return ast
}

/** The syntax tree of a formula, or the first mistake in it. Types and fields are not looked at here. */
export function parseExpression(source: string): { ok: true, ast: ExprNode } | ExprError {
  if (source.length > EXPR_MAX_LENGTH) {
    return { ok: false, message: `The expression is too long: ${source.length} characters, at most ${EXPR_MAX_LENGTH}`, at: EXPR_MAX_LENGTH }
  }
  return attempt(() => ({ ok: true as const, ast: parseTokens(tokenize(source)) }))
}

// ── Types ───────────────────────────────────────────────────────────────────────────────────

/** A node's type while checking: `null` (the literal) fits wherever any type is expected. */
export type ExprNodeType = ExprType | 'null'

const NOUN: Record<ExprNodeType, string> = { number: 'a number', text: 'text', date: 'a date', datetime: 'a datetime', boolean: 'a boolean', null: 'null' }
const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth']

/** "text (status)": the kind of value, and the field it comes from when it is one. */
const describe = (node: ExprNode, type: ExprNodeType) => node.kind === 'field' ? `${NOUN[type]} (${node.name})` : NOUN[type]
const fits = (type: ExprNodeType, ...allowed: ExprType[]) => type === 'null' || (allowed as ExprNodeType[]).includes(type)
const isDay = (type: ExprNodeType) => type === 'date' || type === 'datetime'

/** Several values that must be of one type (branches of if, arguments of coalesce, min, max). */
function unify(types: ExprNodeType[], nodes: ExprNode[], what: string): ExprNodeType {
  let first: ExprNodeType = 'null'
  for (const [i, type] of types.entries()) {
    if (type === 'null') continue
    if (first === 'null') first = type
    else if (first !== type) refuse(`${what} must be of one type: ${first} and ${type}`, nodes[i]!.at)
  }
  return first
}

const arityText = (min: number, max: number) => {
  if (max === 0) return 'no arguments'
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`
  if (max === Infinity) return `at least ${min} arguments`
  return `${min} or ${max} arguments`
}

const ARITY: Record<ExprFunction, [number, number]> = {
  if: [3, 3], coalesce: [2, Infinity], round: [1, 2], abs: [1, 1], floor: [1, 1], ceil: [1, 1], min: [2, 2], max: [2, 2],
  days_between: [2, 2], hours_between: [2, 2], year: [1, 1], month: [1, 1], quarter: [1, 1], day: [1, 1], weekday: [1, 1],
  date: [1, 1], today: [0, 0], now: [0, 0], add_days: [2, 2], concat: [2, Infinity], lower: [1, 1], upper: [1, 1], length: [1, 1], is_empty: [1, 1],
}

/**
 * The type of every node, checking the rules of the language on the way. Used by the checker and,
 * on the server, by the compiler, which needs each operand's type to pick its SQL: one set of
 * rules for both, so the SQL's types are the ones the user was told.
 */
export function typeOfNodes(ast: ExprNode, fieldType: (name: string) => ExprType | undefined): { types: Map<ExprNode, ExprNodeType>, fields: string[] } {
  const types = new Map<ExprNode, ExprNodeType>()
  const fields: string[] = []
  let calls = 0

  const visit = (node: ExprNode, depth: number): ExprNodeType => {
    if (depth > EXPR_MAX_LENGTH) refuse('The expression is nested too deeply', node.at)
    const type = typeOf(node, depth)
    types.set(node, type)
    return type
  }

  const typeOf = (node: ExprNode, depth: number): ExprNodeType => {
    const at = node.at
    switch (node.kind) {
      case 'number':
        if (typeof node.value !== 'number' || !Number.isFinite(node.value)) refuse('The number is too large', at)
        return 'number'
      case 'text':
        if (typeof node.value !== 'string') refuse('Malformed text', at)
        return 'text'
      case 'boolean':
        if (typeof node.value !== 'boolean') refuse('Malformed true/false', at)
        return 'boolean'
      case 'null':
        return 'null'
      case 'field': {
        const type = typeof node.name === 'string' ? fieldType(node.name) : undefined
        if (!type) return refuse(`Unknown field "${node.name}"`, node.at)
        if (!fields.includes(node.name)) fields.push(node.name)
        return type
      }
      case 'unary': {
        const arg = visit(node.arg, depth + 1)
        if (node.op === '-') {
          if (!fits(arg, 'number')) refuse(`Cannot negate ${describe(node.arg, arg)}`, node.at)
          return 'number'
        }
        if (node.op === 'not') {
          if (!fits(arg, 'boolean')) refuse(`"not" needs a boolean, not ${describe(node.arg, arg)}`, node.arg.at)
          return 'boolean'
        }
        return refuse('Unknown operator', node.at)
      }
      case 'binary': {
        if (!BINARY_OPS.has(node.op)) refuse('Unknown operator', node.at)
        const left = visit(node.left, depth + 1)
        const right = visit(node.right, depth + 1)
        return binaryType(node, left, right)
      }
      case 'call': {
        if (!FUNCTIONS.has(node.fn)) return refuse(`Unknown function "${String(node.fn)}"`, node.at)
        if (!Array.isArray(node.args)) return refuse('Malformed expression', node.at)
        if (++calls > EXPR_MAX_CALLS) refuse(`Too many function calls (at most ${EXPR_MAX_CALLS})`, node.at)
        const [min, max] = ARITY[node.fn]
        if (node.args.length < min || node.args.length > max) {
          refuse(`${node.fn}() takes ${arityText(min, max)}, got ${node.args.length}`, node.at)
        }
        const args = node.args.map(arg => visit(arg, depth + 1))
        return callType(node, args)
      }
      default:
        return refuse('Malformed expression', typeof at === 'number' ? at : 0)
    }
  }

  const binaryType = (node: Extract<ExprNode, { kind: 'binary' }>, left: ExprNodeType, right: ExprNodeType): ExprNodeType => {
    const l = describe(node.left, left)
    const r = describe(node.right, right)
    switch (node.op) {
      case '*':
        if (!fits(left, 'number') || !fits(right, 'number')) refuse(`Cannot multiply ${l} by ${r}`, node.at)
        return 'number'
      case '/':
        if (!fits(left, 'number') || !fits(right, 'number')) refuse(`Cannot divide ${l} by ${r}`, node.at)
        return 'number'
      case '+':
        if (left === 'date' && fits(right, 'number')) return 'date'
        if (left === 'datetime' && fits(right, 'number')) refuse(`Cannot add a number to ${l}: use add_days()`, node.at)
        if (!fits(left, 'number') || !fits(right, 'number')) refuse(`Cannot add ${l} and ${r}`, node.at)
        return 'number'
      case '-':
        if (left === 'date' && fits(right, 'number')) return 'date'
        if (left === 'date' && right === 'date') return 'number'
        if (left === 'datetime' && fits(right, 'datetime')) return 'number'
        if (left === 'datetime' && right === 'number') refuse(`Cannot subtract a number from ${l}: use add_days()`, node.at)
        if (isDay(left) && isDay(right)) refuse(`Cannot subtract ${r} from ${l}: use date() on the datetime first`, node.at)
        if (!fits(left, 'number') || !fits(right, 'number')) refuse(`Cannot subtract ${r} from ${l}`, node.at)
        return 'number'
      case 'and':
      case 'or':
        if (!fits(left, 'boolean')) refuse(`"${node.op}" needs a boolean on each side, not ${l}`, node.left.at)
        if (!fits(right, 'boolean')) refuse(`"${node.op}" needs a boolean on each side, not ${r}`, node.right.at)
        return 'boolean'
      default: {
        const comparable = left === 'null' || right === 'null' || left === right || (isDay(left) && isDay(right))
        if (!comparable) refuse(`Comparing ${l} with ${r}`, node.at)
        if ((left === 'boolean' || right === 'boolean') && node.op !== '=' && node.op !== '!=') {
          refuse(`Booleans can only be compared with "=" or "!="`, node.at)
        }
        return 'boolean'
      }
    }
  }

  const callType = (node: Extract<ExprNode, { kind: 'call' }>, args: ExprNodeType[]): ExprNodeType => {
    const fn = node.fn
    const need = (i: number, noun: string, ...allowed: ExprType[]) => {
      if (fits(args[i]!, ...allowed)) return
      const which = node.args.length === 1 ? 'The argument' : `The ${ORDINAL[i] ?? `${i + 1}th`} argument`
      refuse(`${which} of ${fn}() must be ${noun}, not ${describe(node.args[i]!, args[i]!)}`, node.args[i]!.at)
    }
    switch (fn) {
      case 'if':
        if (!fits(args[0]!, 'boolean')) refuse(`The condition of if() must be a boolean, not ${describe(node.args[0]!, args[0]!)}`, node.args[0]!.at)
        return unify(args.slice(1), node.args.slice(1), 'The two branches of if()')
      case 'coalesce':
        return unify(args, node.args, 'The arguments of coalesce()')
      case 'round': {
        need(0, 'a number', 'number')
        const digits = node.args[1]
        if (digits && (digits.kind !== 'number' || !Number.isInteger(digits.value) || digits.value < 0 || digits.value > 6)) {
          refuse('The second argument of round() must be a whole number from 0 to 6', digits.at)
        }
        return 'number'
      }
      case 'abs':
      case 'floor':
      case 'ceil':
        need(0, 'a number', 'number')
        return 'number'
      case 'min':
      case 'max': {
        args.forEach((_, i) => need(i, 'a number or a date', 'number', 'date', 'datetime'))
        return unify(args, node.args, `The arguments of ${fn}()`)
      }
      case 'days_between':
      case 'hours_between':
        need(0, 'a date or datetime', 'date', 'datetime')
        need(1, 'a date or datetime', 'date', 'datetime')
        return 'number'
      case 'year':
      case 'month':
      case 'quarter':
      case 'day':
      case 'weekday':
        need(0, 'a date or datetime', 'date', 'datetime')
        return 'number'
      case 'date':
        need(0, 'a datetime', 'date', 'datetime')
        return 'date'
      case 'today':
        return 'date'
      case 'now':
        return 'datetime'
      case 'add_days':
        need(0, 'a date or datetime', 'date', 'datetime')
        need(1, 'a number', 'number')
        return args[0]!
      case 'concat':
        return 'text'
      case 'lower':
      case 'upper':
        need(0, 'text', 'text')
        return 'text'
      case 'length':
        need(0, 'text', 'text')
        return 'number'
      case 'is_empty':
        return 'boolean'
      default:
        return refuse(`Unknown function "${String(fn)}"`, node.at)
    }
  }

  const top = visit(ast, 0)
  if (top === 'null') refuse('The expression is always empty (null)', ast.at)
  return { types, fields }
}

/**
 * The type of a parsed expression and the fields it reads, or the first thing wrong with it.
 * `fieldType` answers for the fields of the report's source; any other name is unknown. Also
 * checks trees that did not come from the parser (stored JSON), so nothing malformed reaches SQL.
 */
export function checkExpression(ast: ExprNode, fieldType: (name: string) => ExprType | undefined): { ok: true, type: ExprType, fields: string[] } | ExprError {
  return attempt(() => {
    const { types, fields } = typeOfNodes(ast, fieldType)
    return { ok: true as const, type: types.get(ast) as ExprType, fields }
  })
}

/** parse + check in one go */
export function analyseExpression(source: string, fieldType: (name: string) => ExprType | undefined): { ok: true, ast: ExprNode, type: ExprType, fields: string[] } | ExprError {
  const parsed = parseExpression(source)
  if (!parsed.ok) return parsed
  const checked = checkExpression(parsed.ast, fieldType)
  if (!checked.ok) return checked
  return { ok: true, ast: parsed.ast, type: checked.type, fields: checked.fields }
}
