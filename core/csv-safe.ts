import { textOf } from './text-of.js';

/**
 * A CSV opened in a spreadsheet runs any cell that starts like a formula: "=HYPERLINK(...)" in a
 * bank memo or a rejected row becomes a live link or a DDE command on an investigator's machine.
 * Cells starting with = + - @ tab or CR get a leading apostrophe (OWASP's advice), which spreadsheets
 * show as text. No node imports: the renderer's grid exports use it too.
 */
export function formulaSafe(value: unknown): string {
  const s = value == null ? '' : textOf(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** For ag-grid's exportDataAsCsv. */
export const processCsvCell = (p: { value: unknown }) => formulaSafe(p.value);
