// A dashboard table with its two exports. The exported file holds exactly the rows and
// headings on screen (numbers as numbers), named after the table and the period. A table of
// cases makes its `open.column` cell a button that opens the case (Enter or a click).
import { Button, Group, ScrollArea, Table, Text, Title, UnstyledButton } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/errors';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { download, toCsv, toXlsx } from './export';
import type { ExportColumn, ExportRow } from './export';

type Props = {
  id: string;
  title: string;
  columns: readonly ExportColumn[];
  rows: readonly ExportRow[];
  /** the period in the file name, e.g. 2026-09-03_2026-12-02 */
  period: string;
  empty: string;
  /** rows that are cases: which column's cell opens row i, and its accessible name */
  open?: { column: string; label: (index: number) => string; run: (index: number) => void };
  /** a line under the title (what the figures count) */
  note?: string;
  /** what chooses the table's rows (a period, a year), beside its title */
  controls?: ReactNode;
};

export function ExportTable({ id, title, columns, rows, period, empty, open, note, controls }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const filename = `${id}_${period}`;
  // text isolated by its own direction: a date or an English subject reads left to right in an
  // Arabic table (without it, "2026-12-02 13:35" shows as "13:35 2026-12-02")
  const show = (value: string | number | undefined) => (typeof value === 'number' ? formatNumber(value, language) : <bdi>{value ?? ''}</bdi>);
  const exportAs = async (format: 'csv' | 'xlsx') => {
    try {
      const blob = format === 'csv' ? new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }) : await toXlsx(title, columns, rows, language === 'ar');
      download(blob, `${filename}.${format}`);
    } catch (error) {
      notifications.show({ color: 'red', message: describeError(error) });
    }
  };
  const cell = (row: ExportRow, key: string, index: number) => {
    if (open === undefined || key !== open.column) return show(row[key]);
    const { run, label } = open;
    const onKeyDown = (event: KeyboardEvent) => {
      // Enter is also the desk's `open` shortcut (window listener): this cell's meaning wins
      if (event.key !== 'Enter') return;
      event.preventDefault();
      run(index);
    };
    return (
      <UnstyledButton className="open-case" onClick={() => run(index)} onKeyDown={onKeyDown} aria-label={label(index)} data-testid={`open-${id}`} dir="ltr">
        {show(row[key])}
      </UnstyledButton>
    );
  };
  // the table's scroller takes the focus (tabIndex 0): a region that scrolls must be reachable
  // by keyboard to be scrolled without a mouse
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`table-${id}`} data-rows={rows.length}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Title order={6} id={`${id}-title`}>{title}</Title>
        <Group gap={6}>
          {controls}
          <Button size="compact-xs" variant="light" onClick={() => void exportAs('csv')} aria-label={t('dashboard.exportCsv', { title })} data-testid={`export-csv-${id}`}>CSV</Button>
          <Button size="compact-xs" variant="light" onClick={() => void exportAs('xlsx')} aria-label={t('dashboard.exportXlsx', { title })} data-testid={`export-xlsx-${id}`}>XLSX</Button>
        </Group>
      </Group>
      {note !== undefined && <Text size="xs" c="dimmed" mb={4}>{note}</Text>}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">{empty}</Text>
      ) : (
        <ScrollArea.Autosize mah={320} viewportProps={{ tabIndex: 0, role: 'region', 'aria-labelledby': `${id}-title` }}>
          <Table striped verticalSpacing={4} aria-labelledby={`${id}-title`}>
            <Table.Thead>
              <Table.Tr>{columns.map((c) => <Table.Th key={c.key} className={typeof rows[0]?.[c.key] === 'number' ? 'num' : undefined}>{c.label}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i}>
                  {columns.map((c) => <Table.Td key={c.key} className={typeof row[c.key] === 'number' ? 'num' : undefined}>{cell(row, c.key, i)}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </section>
  );
}
