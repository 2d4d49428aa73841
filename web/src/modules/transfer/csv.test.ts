import { describe, expect, it } from 'vitest';
import { detectDelimiter, headerOf, parseCsv, parseErrorReport, unneutralise } from './csv';

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF or CR endings and skips blank lines', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks', () => {
    const text = 'row,reason\r\n1,"must be a, b or c"\r\n2,"said ""hi"""\r\n3,"two\r\nlines"\r\n';
    expect(parseCsv(text)).toEqual([
      ['row', 'reason'],
      ['1', 'must be a, b or c'],
      ['2', 'said "hi"'],
      ['3', 'two\r\nlines'],
    ]);
  });

  it('keeps empty fields, a quoted empty field and a last line without an ending', () => {
    expect(parseCsv('a,,c\n""\n,\nx,"y"')).toEqual([['a', '', 'c'], [''], ['', ''], ['x', 'y']]);
  });

  it('skips a byte-order mark and does not throw on an unclosed quote', () => {
    expect(parseCsv('\ufeffrow,value\n1,"never closed\n2,x')).toEqual([
      ['row', 'value'],
      ['1', 'never closed\n2,x'],
    ]);
  });

  it('keeps a stray quote inside an unquoted field, and stops at maxRecords', () => {
    expect(parseCsv('5" disk,ok\n1,2\n3,4', { maxRecords: 2 })).toEqual([
      ['5" disk', 'ok'],
      ['1', '2'],
    ]);
  });

  it('reads other delimiters', () => {
    expect(parseCsv('a;b\n"x;y";z', { delimiter: ';' })).toEqual([
      ['a', 'b'],
      ['x;y', 'z'],
    ]);
  });
});

describe('parseErrorReport', () => {
  const report =
    'row,line,column,value,reason\r\n' +
    '2,3,email,not-an-email,emails[0].address must be a valid email address\r\n' +
    '3,4,email,ana@x.example,"repeats row 1 of this file (same emails[0]); merge the rows or remove one"\r\n' +
    '7,9,phone,\'+49 30 1234,"must be a phone number, with digits"\r\n' +
    '8,10,notes,"line one\r\nline two",too long\r\n';

  it('names the row, line, column, value and reason of each refusal', () => {
    const { rows, truncated } = parseErrorReport(report);
    expect(truncated).toBe(false);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ row: '2', line: '3', column: 'email', value: 'not-an-email', reason: 'emails[0].address must be a valid email address' });
    expect(rows[1].reason).toBe('repeats row 1 of this file (same emails[0]); merge the rows or remove one');
    expect(rows[2]).toMatchObject({ value: '+49 30 1234', reason: 'must be a phone number, with digits' });
    expect(rows[3].value).toBe('line one\r\nline two');
  });

  it('keeps the first rows only and says more followed', () => {
    const many = 'row,line,column,value,reason\n' + Array.from({ length: 150 }, (_, i) => `${i + 1},${i + 2},email,x${i},bad`).join('\n');
    const { rows, truncated } = parseErrorReport(many, 100);
    expect(rows).toHaveLength(100);
    expect(rows[99].row).toBe('100');
    expect(truncated).toBe(true);
    expect(parseErrorReport(many, 150).truncated).toBe(false);
  });

  it('finds the columns by header in any order, and copes with an empty report', () => {
    const { rows } = parseErrorReport('reason,row,value,line,column\nbad,4,v,5,c\n');
    expect(rows).toEqual([{ row: '4', line: '5', column: 'c', value: 'v', reason: 'bad' }]);
    expect(parseErrorReport('')).toEqual({ rows: [], truncated: false });
    expect(parseErrorReport('row,line,column,value,reason\r\n')).toEqual({ rows: [], truncated: false });
  });

  it('fills missing fields of a short row with empty text', () => {
    expect(parseErrorReport('row,line,column,value,reason\n1,2\n').rows[0]).toEqual({ row: '1', line: '2', column: '', value: '', reason: '' });
  });
});

describe('unneutralise', () => {
  it('removes the quote the server puts before formula-like values only', () => {
    expect(unneutralise("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unneutralise("'-5")).toBe('-5');
    expect(unneutralise("'@x")).toBe('@x');
    expect(unneutralise("'quoted'")).toBe("'quoted'");
    expect(unneutralise('plain')).toBe('plain');
  });
});

describe('headerOf', () => {
  it('reads the column names of a CSV file with its delimiter', () => {
    expect(headerOf('first_name,last_name,"E-mail, work"\nAna,Ortiz,a@x\n')).toEqual(['first_name', 'last_name', 'E-mail, work']);
    expect(headerOf('\ufeffName;Email;Phone\r\nA;b;c')).toEqual(['Name', 'Email', 'Phone']);
    expect(headerOf('name\temail\n')).toEqual(['name', 'email']);
    expect(headerOf('')).toEqual([]);
    expect(detectDelimiter('a,b;c;d')).toBe(';');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
  });
});
