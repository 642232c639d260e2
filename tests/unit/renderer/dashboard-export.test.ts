// The dashboard's exports: a CSV that spreadsheet programs open with the Arabic intact and the
// fields quoted where they must be, and an XLSX written by exceljs and read back by it.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../../renderer/src/dashboard/export';
import { loadPercent } from '../../../renderer/src/board/load';

const columns = [
  { key: 'kind', label: 'النوع' },
  { key: 'due', label: 'Due, total' },
];

describe('dashboard exports', () => {
  it('CSV: a byte-order mark, CRLF lines, quotes only where a field needs them', () => {
    const csv = toCsv(columns, [
      { kind: 'شكوى', due: 12 },
      { kind: 'say "hi", twice', due: 3 },
    ]);
    expect(csv).toBe('\uFEFFالنوع,"Due, total"\r\nشكوى,12\r\n"say ""hi"", twice",3\r\n');
  });

  it('XLSX: headings bold, numbers as numbers, Arabic text intact, right to left on request', async () => {
    const blob = await toXlsx('الالتزام حسب النوع', columns, [{ kind: 'مقترح', due: 7 }], true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('الالتزام حسب النوع');
    expect(sheet?.views[0]?.rightToLeft).toBe(true);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'النوع', 'Due, total']);
    expect(sheet?.getRow(2).values).toEqual([undefined, 'مقترح', 7]);
  });
});

describe('load against capacity', () => {
  it('goes past 100% and tells 160 of 40 from 41 of 40', () => {
    expect(loadPercent(41, 40)).toBe(103);
    expect(loadPercent(160, 40)).toBe(400);
    expect(loadPercent(0, 0)).toBe(0);
    expect(loadPercent(3, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
