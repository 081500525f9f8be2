import { describe, expect, it } from 'vitest'
import { decimalToMinor, minorToDecimal } from '../../shared/money'
import { moneyCell, neutraliseCell } from '../../server/utils/spreadsheet-cells'
import { detectDelimiter } from '../../server/services/io/csv-file'
import { suggestMapping, importTargets } from '../../server/services/io/import-mapping'
import { moneyToMinor } from '../../server/services/io/import-records'

describe('neutraliseCell (formula injection in CSV and XLSX exports)', () => {
  it.each(['=SUM(A1:A2)', '+1+1', '-2+3', '@cmd', '\tvalue', '\rvalue', '=HYPERLINK("http://evil.test")'])('%j gets a leading apostrophe', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`)
  })

  it('leaves ordinary text alone, including formula characters after the first', () => {
    for (const cell of ['Acme', 'a=b', 'x+y', 'mail@acme.test', ' =padded', '', '2026-11-24', '12.50']) expect(neutraliseCell(cell)).toBe(cell)
  })

  it('keeps numbers (negative ones too), booleans and empty cells as they are', () => {
    expect(neutraliseCell(-5)).toBe(-5)
    expect(neutraliseCell(12.5)).toBe(12.5)
    expect(neutraliseCell(0)).toBe(0)
    expect(neutraliseCell(true)).toBe(true)
    expect(neutraliseCell(null)).toBe(null)
  })
})

describe('import helpers', () => {
  it('detects the delimiter of the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('Name,City\nA,B')).toBe(',')
    expect(detectDelimiter('Name;City;"Notes, long"\nA;B;C')).toBe(';')
    expect(detectDelimiter('Name\tCity\nA\tB')).toBe('\t')
    expect(detectDelimiter('"a;b",c\n')).toBe(',')
  })

  it('reads decimal amounts in the usual spellings as minor units', () => {
    expect(moneyToMinor('1234.5', 'EUR')).toBe(123450)
    expect(moneyToMinor('1,234.56', 'EUR')).toBe(123456)
    expect(moneyToMinor('1.234,56', 'EUR')).toBe(123456)
    expect(moneyToMinor('EUR 99', 'EUR')).toBe(9900)
    expect(moneyToMinor('$12.30', 'USD')).toBe(1230)
    expect(moneyToMinor('twelve', 'EUR')).toBe(null)
    expect(moneyToMinor('1.234', 'EUR')).toBe(null)
  })

  it('reads and writes amounts in their currency\'s own decimals: JPY has none, KWD three', () => {
    expect(moneyToMinor('1250', 'JPY')).toBe(1250)
    expect(moneyToMinor('¥1,250', 'JPY')).toBe(1250)
    expect(moneyToMinor('1250.5', 'JPY')).toBe(null) // no half yen
    expect(moneyToMinor('12.345', 'KWD')).toBe(12345)
    expect(moneyCell(1250, 'JPY')).toBe(1250)
    expect(moneyCell(123456, 'EUR')).toBe(1234.56)
    expect(moneyCell(12345, 'KWD')).toBe(12.345)
    expect(moneyCell(null, 'EUR')).toBe(null)
    // What the forms and the formatters use: the same helper, so a file round-trips to the same amount.
    for (const [minor, code] of [[1250, 'JPY'], [123456, 'EUR'], [12345, 'KWD']] as const) {
      expect(decimalToMinor(minorToDecimal(minor, code), code)).toBe(minor)
      expect(moneyToMinor(String(moneyCell(minor, code)), code)).toBe(minor)
    }
  })

  it('suggests fields by label or key, whatever the case and spacing, each field once', () => {
    const targets = importTargets('deals', [])
    expect(suggestMapping(['NAME', 'Expected close', 'amount_minor', 'Owner', 'Name ', 'Notes'], targets)).toEqual({
      'NAME': 'name', 'Expected close': 'expectedCloseDate', 'amount_minor': 'amountMinor', 'Owner': 'ownerId', 'Name ': null, 'Notes': null,
    })
    expect(targets.find(t => t.key === 'name')!.required).toBe(true)
    expect(targets.find(t => t.key === 'currency')!.required).toBe(false)
    expect(targets.some(t => t.key === 'closedAt')).toBe(false) // set by the server only
  })
})
