import { looksLikeAmount } from './amounts.js';
import { candidateDateFormats } from './dates.js';
import type { CsvRecord } from './csv-source.js';
import { detectDialect, detectHeaderLine } from './sniff.js';
import { suggestMapping, type Suggestion } from './suggest.js';
import type { DELIMITERS } from './schemas.js';

export interface CsvLayout {
  delimiter: (typeof DELIMITERS)[number];
  /** 1-based line of the header, 0 when there is none. */
  headerLine: number;
  header?: string[];
  /** Fields per record: the header's, or the most common. */
  width: number;
  /** The sample's records below the header. */
  data: CsvRecord[];
  suggestion: Suggestion;
}

const isDate = (s: string) => candidateDateFormats([s]).length > 0;

/** Works out a CSV file's layout from a sample of its head: delimiter, header, width, and a suggested mapping. */
export function csvLayout(sample: string, opts: { delimiter?: CsvLayout['delimiter']; headerLine?: number } = {}): CsvLayout {
  const dialect = detectDialect(sample, opts.delimiter);
  const headerLine = opts.headerLine ?? detectHeaderLine(dialect, isDate, looksLikeAmount);
  const headerRecord = headerLine ? dialect.records.find((r) => r.line === headerLine) : undefined;
  const header = headerRecord?.fields.map((h) => h.trim());
  const data = dialect.records.filter((r) => r.line > headerLine);
  const width = header?.length ?? dialect.width;
  return { delimiter: dialect.delimiter, headerLine: headerRecord ? headerLine : 0, header, width, data, suggestion: suggestMapping(header, data, width) };
}
