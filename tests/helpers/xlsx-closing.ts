import { execFileSync } from 'node:child_process';

/**
 * A tracing-schedule workbook as an independent reader (Debian's python3-openpyxl) sees it: the
 * sheet names, and for each account sheet (keyed `account|currency`) the last row's balance, its
 * tainted balance under `label`, and the number of transaction rows. `/usr/bin/python3` because a
 * pyenv shim on PATH may lack openpyxl; openpyxl goes by the file name's extension (.xlsx).
 */
export function scheduleClosings(file: string, label: string): { sheets: string[]; close: Record<string, [number, number, number]> } {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for ws in wb.worksheets[1:]:
    rows = list(ws.iter_rows(values_only=True))
    head = rows[1]
    out[rows[0][0] + '|' + rows[0][2]] = [rows[-1][head.index('Balance')], rows[-1][head.index(sys.argv[2])], len(rows) - 2]
print(json.dumps({"sheets": wb.sheetnames, "close": out}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file, `Tainted: ${label}`], { encoding: 'utf8' })) as ReturnType<typeof scheduleClosings>;
}

/** Every sheet of a workbook as openpyxl reads it: sheet name -> rows of values (numbers stay numbers). */
export function xlsxSheets(file: string): Record<string, (string | number | null)[][]> {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps({ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, default=str))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 256 << 20 })) as ReturnType<typeof xlsxSheets>;
}
