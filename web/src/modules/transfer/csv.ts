// Reading CSV in the browser: the import error report the server writes (row, line, column,
// value, reason) and the header line of a file about to be uploaded. RFC 4180 as the server
// writes and reads it: quoted fields may hold the delimiter, line breaks and doubled quotes;
// records end with CRLF, LF or CR; a byte-order mark is skipped; blank lines are skipped. Never
// throws: an unclosed quote runs to the end of the text. Pure; unit-tested.
import type { ReportRow } from './types';

export interface CsvOptions {
  delimiter?: string;
  /** Stop after this many records (the rest of the text is not read). */
  maxRecords?: number;
}

export function parseCsv(text: string, { delimiter = ',', maxRecords = Infinity }: CsvOptions = {}): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (so "" is a field, not a blank line)
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    record.push(field);
    // A blank line is no record; a line holding just "" is one empty field.
    if (record.length > 1 || record[0] !== '' || wasQuoted) records.push(record);
    record = [];
    field = '';
    wasQuoted = false;
  };

  while (i < text.length && records.length < maxRecords) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      // Text after a closing quote, or a quote inside an unquoted field: kept as it is.
      field += c;
    }
    i += 1;
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0 || wasQuoted)) endRecord();
  return records;
}

/**
 * The server's CSV writer protects spreadsheets from formulas by putting a ' before a value
 * starting with = + - @, tab or CR. On screen the value is shown as it was in the file.
 */
export function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export interface ErrorReport {
  rows: ReportRow[];
  /** More rows followed those returned. */
  truncated: boolean;
}

const REPORT_COLUMNS: (keyof ReportRow)[] = ['row', 'line', 'column', 'value', 'reason'];

/**
 * Parses an import's error report, keeping the first `limit` rows. Columns are found by their
 * header (in any order); a report without the expected header is read in the documented order.
 */
export function parseErrorReport(text: string, limit = 100): ErrorReport {
  const records = parseCsv(text, { maxRecords: limit + 2 });
  if (records.length === 0) return { rows: [], truncated: false };
  const header = records[0].map((h) => h.trim().toLowerCase());
  const hasHeader = REPORT_COLUMNS.every((c) => header.includes(c));
  const index = Object.fromEntries(REPORT_COLUMNS.map((c, i) => [c, hasHeader ? header.indexOf(c) : i])) as Record<keyof ReportRow, number>;
  const data = hasHeader ? records.slice(1) : records;
  const rows = data.slice(0, limit).map((record) => {
    const row = {} as ReportRow;
    for (const column of REPORT_COLUMNS) row[column] = unneutralise(record[index[column]] ?? '');
    return row;
  });
  return { rows, truncated: data.length > limit };
}

/** The column names of a CSV file from its first line(s): what the import will map. */
export function headerOf(text: string): string[] {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const [header] = parseCsv(text, { delimiter, maxRecords: 1 });
  return (header ?? []).map((h) => h.trim()).filter((h) => h !== '');
}

/** Comma, semicolon or tab: whichever appears most on the line outside quotes (as the server does). */
export function detectDelimiter(line: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c] += 1;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}
