/**
 * Text that a spreadsheet could take for a formula (OWASP CSV injection): a first character = + - @
 * (or their full-width forms, which some spreadsheets fold to ASCII), TAB or CR, also after leading
 * whitespace, which spreadsheets skip before looking for a formula.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u

/** Text a spreadsheet would run, once any quotes this module added are set aside. */
function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value.replace(/^'+/, ''))
}

/**
 * Prefixes a quote so spreadsheets show the cell as text instead of running it. Text that already starts
 * with quotes before a formula character gets one more, so `restoreCell` gives back exactly the original.
 */
export function neutraliseCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value
}

/** Inverse of neutraliseCell, for files this app exported itself. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value
}
