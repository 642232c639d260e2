// Every dashboard table exports as CSV (UTF-8 with a byte-order mark, so spreadsheet programs
// read the Arabic right) and as XLSX through exceljs, a maintained library that writes the
// Arabic text as it is. exceljs is loaded only when an XLSX is asked for.
export type ExportColumn = { key: string; label: string };
export type ExportRow = Record<string, string | number>;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF line ends, fields quoted when they need it. */
export function toCsv(columns: readonly ExportColumn[], rows: readonly ExportRow[]): string {
  const lines = [columns.map((c) => csvField(c.label)), ...rows.map((row) => columns.map((c) => csvField(row[c.key] ?? '')))];
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(sheet: string, columns: readonly ExportColumn[], rows: readonly ExportRow[], rtl: boolean): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // a sheet name is at most 31 characters and may not hold []:*?/\
  const worksheet = workbook.addWorksheet(sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ rightToLeft: rtl }] });
  worksheet.columns = columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(12, c.label.length + 2) }));
  for (const row of rows) worksheet.addRow(row);
  worksheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
