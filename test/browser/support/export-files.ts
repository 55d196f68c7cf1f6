import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A table read back from a file: the header row and the rows as records by column name. */
export interface ExportedTable {
  bytes: Buffer;
  header: string[];
  rows: Array<Record<string, string>>;
}

const records = (header: string[], rows: string[][]) =>
  rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));

/** The CSV export: UTF-8 (its byte order mark kept in `bytes`), a header row, then the rows. */
export async function readCsvExport(path: string): Promise<ExportedTable> {
  const bytes = await readFile(path);
  const [header, ...rows] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  return { bytes, header, rows: records(header, rows) };
}

/** The XLSX export's only sheet, read with exceljs: a header row, then the rows, as text. */
export async function readXlsxExport(path: string): Promise<ExportedTable & { sheets: string[] }> {
  const bytes = await readFile(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets = workbook.worksheets.map((s) => s.name);
  const sheet = workbook.worksheets[0];
  const table: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const value = row.getCell(i).value;
      // The export writes text cells only: anything else (a formula, a date) is a finding.
      if (value !== null && value !== undefined && typeof value !== 'string')
        throw new Error(`cell ${row.number}:${i} is not text: ${JSON.stringify(value)}`);
      cells.push(value ?? '');
    }
    table.push(cells);
  });
  const [header, ...rows] = table;
  return { bytes, sheets, header, rows: records(header, rows) };
}
