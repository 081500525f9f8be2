import { minorToDecimal } from '#shared/money'

/** Characters that make a spreadsheet read a cell as a formula (or hide one after a tab or CR). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A cell value safe to open in Excel, LibreOffice or Sheets (CSV and XLSX exports): text that
 * starts like a formula gets a leading apostrophe, so it is shown, never evaluated. Numbers,
 * booleans and empty cells are returned unchanged — a negative number stays a number.
 */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value
}

/** Money in minor units as files carry it, a decimal in its currency (12345 EUR → 123.45, JPY → 12345); anything else is empty. */
export function moneyCell(minor: unknown, currency: string): number | null {
  return typeof minor === 'number' ? minorToDecimal(minor, currency) : null
}
