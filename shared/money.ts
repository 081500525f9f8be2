// Money is stored in minor units (cents, or yen for JPY, which has none smaller): one helper for
// how many minor units make one, used by the forms, the formatters and every file that carries
// amounts as decimals (exports, imports), so a currency with 0 or 3 decimals comes out right.

const digitsCache = new Map<string, number>()

/** Decimal places of a currency (JPY 0, EUR 2, KWD 3); 2 for a code Intl does not know. */
export function currencyDigits(code: string): number {
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    }
    catch {
      digits = 2
    }
    digitsCache.set(code, digits)
  }
  return digits
}

/** Minor units as a decimal amount in that currency (12345 EUR → 123.45; 12345 JPY → 12345). */
export function minorToDecimal(minor: number, code: string): number {
  const digits = currencyDigits(code)
  return digits === 0 ? minor : Number((minor / 10 ** digits).toFixed(digits))
}

/** A decimal amount in minor units of that currency, rounded to the unit (123.45 EUR → 12345). */
export function decimalToMinor(amount: number, code: string): number {
  return Math.round(amount * 10 ** currencyDigits(code))
}
