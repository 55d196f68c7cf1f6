import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { MobilityRow } from '@ecvet/application';

/** The export's columns, in order (docs/dashboard-api.md). */
export const EXPORT_COLUMNS = [
  'mobilityId',
  'learnerName',
  'phase',
  'partnershipId',
  'sendingInstitutionId',
  'hostInstitutionId',
  'hostCountry',
  'plannedStart',
  'plannedEnd',
  'overdue',
  'waitingFor',
  'nextDeadline',
] as const;

/** One row's cells, as text (empty where null): booleans `true`/`false`, roles joined by a space. */
export function exportCells(row: MobilityRow): string[] {
  return [
    row.mobilityId,
    row.learnerName ?? '',
    row.phase,
    row.partnershipId,
    row.sendingInstitutionId,
    row.hostInstitutionId,
    row.hostCountry ?? '',
    row.plannedStart ?? '',
    row.plannedEnd ?? '',
    String(row.overdue),
    row.waitingFor.join(' '),
    row.nextDeadline?.due ?? '',
  ];
}

/**
 * A CSV field: quoted when it holds a comma, a quote or a line break; a field that a spreadsheet
 * would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`, so a name typed
 * by someone cannot run as one (OWASP's advice for CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (cells: readonly string[]) => `${cells.map(csvField).join(',')}\r\n`;

/** Writes the rows as CSV: UTF-8 with a byte order mark (so spreadsheets read ā, š, ž), a header. */
export async function writeCsv(rows: AsyncIterable<MobilityRow>, out: Writable): Promise<void> {
  const write = (chunk: string) =>
    out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(`\uFEFF${csvLine(EXPORT_COLUMNS)}`);
  for await (const row of rows) await write(csvLine(exportCells(row)));
  out.end();
}

/** Writes the rows as an XLSX workbook (one sheet, `Mobilities`), streamed with exceljs. */
export async function writeXlsx(rows: AsyncIterable<MobilityRow>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Mobilities');
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ header: key, key, width: 20 }));
  for await (const row of rows) sheet.addRow(exportCells(row)).commit();
  sheet.commit();
  await workbook.commit();
}
