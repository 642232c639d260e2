// The dashboard's lower half: the open cases that will pass a deadline within the next 4, 8 or
// 24 working hours, the reopened and escalated queues, and the agency's year in the national
// report's shape. Every figure is the server's (`stats.breachSoon`, `stats.queues`,
// `stats.year`); each table exports to CSV and XLSX, and a case's reference opens it.
import { Alert, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardCase } from '../../../shared/dashboard';
import { BREACH_HOURS } from '../../../shared/dashboard';
import type { BreachHours } from '../../../shared/dashboard';
import { agencyNameById } from '../format/names';
import { localDateTime } from '../format/bahrain-day';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { loadDashboardLists, useDashboard } from '../state/dashboard';
import { jumpToCase } from '../state/jump';
import { staffName, useSession } from '../state/session';
import { describeError } from '../ui/errors';
import { ExportTable } from './ExportTable';

/** a share as a percentage with one decimal; empty when there is nothing to share */
const percent = (part: number, whole: number): number | string => (whole === 0 ? '' : Math.round((1000 * part) / whole) / 10);

/** The inbox with the case selected and open; the case pane takes the focus once it shows. */
function openCase(c: DashboardCase): void {
  void jumpToCase(c.caseId, c.ref);
}

/** opens case i of a list, if there is one */
const opener = (cases: readonly DashboardCase[]) => (i: number) => {
  const c = cases[i];
  if (c !== undefined) openCase(c);
};

function useCaseColumns() {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const refColumn = { key: 'ref', label: t('dashboard.ref') };
  const columns = [
    { key: 'subject', label: t('dashboard.subject') },
    { key: 'status', label: t('dashboard.status') },
    { key: 'assignee', label: t('dashboard.assignee') },
  ];
  const row = (c: DashboardCase): Record<string, string | number> => ({
    ref: c.ref,
    subject: c.subject,
    status: t(`status.${c.status}`),
    assignee: c.assigneeId === null ? t('dashboard.nobody') : (staffName(reference, c.assigneeId) ?? c.assigneeId),
  });
  return { refColumn, columns, row };
}

function BreachSection({ period }: { period: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const n = (value: number) => formatNumber(value, language);
  const { breachHours, breach } = useDashboard();
  const { refColumn, columns, row } = useCaseColumns();
  const rows = (breach?.rows ?? []).map((c) => ({ ...row(c), deadline: t(`dashboard.deadlineKind.${c.deadline}`), dueAt: localDateTime(c.dueAt) }));
  const cases = breach?.rows ?? [];
  return (
    <Stack gap={6} data-testid="breach-section" data-total={breach?.total ?? ''} data-as-of={breach?.asOf ?? ''} data-horizon={breach?.horizon ?? ''} data-hours={breachHours}>
      {breach !== null && (
        <Text size="sm" aria-live="polite" data-testid="breach-line">
          {t('dashboard.breachLine', { n: n(breach.total), hours: n(breachHours), until: localDateTime(breach.horizon) })}
        </Text>
      )}
      <ExportTable
        id="breach-soon"
        title={t('dashboard.breachTitle')}
        columns={[refColumn, { key: 'deadline', label: t('dashboard.deadline') }, { key: 'dueAt', label: t('dashboard.dueAt') }, ...columns]}
        rows={rows}
        period={`${period}_${breachHours}h`}
        empty={t('dashboard.breachEmpty')}
        note={t('dashboard.openHint')}
        open={{ column: 'ref', label: (i) => t('dashboard.openCase', { ref: cases[i]?.ref ?? '' }), run: opener(cases) }}
        controls={
          <SegmentedControl
            size="xs"
            aria-label={t('dashboard.breachWithin')}
            value={String(breachHours)}
            onChange={(value) => void loadDashboardLists(Number(value) as BreachHours)}
            data={BREACH_HOURS.map((h) => ({ value: String(h), label: t('dashboard.breachHours', { n: n(h) }) }))}
            data-testid="breach-hours"
          />
        }
      />
    </Stack>
  );
}

function QueuesSection({ period }: { period: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const n = (value: number) => formatNumber(value, language);
  const queues = useDashboard((s) => s.queues);
  const { refColumn, columns, row } = useCaseColumns();
  const table = (id: 'reopened' | 'escalated') => {
    const queue = queues?.[id] ?? { total: 0, rows: [] };
    const title = t(id === 'reopened' ? 'dashboard.reopenedQueue' : 'dashboard.escalatedQueue', { n: n(queue.total) });
    return (
      <ExportTable
        id={`queue-${id}`}
        title={title}
        columns={[refColumn, ...columns, { key: 'reopenCount', label: t('dashboard.reopenCount') }, { key: 'dueAt', label: t('dashboard.dueAt') }]}
        rows={queue.rows.map((c) => ({ ...row(c), reopenCount: c.reopenCount, dueAt: localDateTime(c.resolutionDueAt) }))}
        period={period}
        empty={t('dashboard.queueEmpty')}
        note={queue.total > queue.rows.length ? t('dashboard.shownOf', { shown: n(queue.rows.length), total: n(queue.total) }) : undefined}
        open={{ column: 'ref', label: (i) => t('dashboard.openCase', { ref: queue.rows[i]?.ref ?? '' }), run: opener(queue.rows) }}
      />
    );
  };
  return (
    <Stack gap={6} data-testid="queues-section">
      <Title order={5}>{t('dashboard.queuesTitle')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {table('reopened')}
        {table('escalated')}
      </SimpleGrid>
    </Stack>
  );
}

function YearSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const reference = useSession((s) => s.reference);
  const { year, national } = useDashboard();
  const rows = (national?.rows ?? []).map((r) => ({
    agency: agencyNameById(reference?.agencies, r.agencyId, language),
    complaints: r.requests.complaint,
    suggestions: r.requests.suggestion,
    enquiries: r.requests.enquiry,
    requests: r.total,
    commitment: percent(r.answeredInTime, r.due),
    reopened: percent(r.reopened, r.total),
    underStudy: r.suggestions.under_study,
    accepted: r.suggestions.accepted,
    implemented: r.suggestions.implemented,
    declined: r.suggestions.declined,
    noOutcome: r.suggestions.none,
    adopted: r.adopted,
  }));
  const keys = ['complaints', 'suggestions', 'enquiries', 'requests', 'commitment', 'reopened', 'underStudy', 'accepted', 'implemented', 'declined', 'noOutcome', 'adopted'] as const;
  const labels: Record<(typeof keys)[number], string> = {
    complaints: t('dashboard.complaints'),
    suggestions: t('dashboard.suggestions'),
    enquiries: t('dashboard.enquiries'),
    requests: t('dashboard.requests'),
    commitment: t('dashboard.commitmentPercent'),
    reopened: t('dashboard.reopenedPercent'),
    underStudy: t('dashboard.underStudy'),
    accepted: t('dashboard.accepted'),
    implemented: t('dashboard.implemented'),
    declined: t('dashboard.declined'),
    noOutcome: t('dashboard.noOutcome'),
    adopted: t('dashboard.adopted'),
  };
  return (
    <Stack gap={6} data-testid="year-section" data-year={year}>
      <ExportTable
        id="national-year"
        title={t('dashboard.yearTitle')}
        columns={[{ key: 'agency', label: t('dashboard.agency') }, ...keys.map((key) => ({ key, label: labels[key] }))]}
        rows={rows}
        period={String(year)}
        empty={t('dashboard.empty')}
        note={t('dashboard.yearNote')}
        controls={
          <NumberInput
            size="xs"
            w={90}
            aria-label={t('dashboard.year')}
            value={year}
            min={2000}
            max={2100}
            allowDecimal={false}
            onChange={(value) => typeof value === 'number' && value >= 2000 && value <= 2100 && void loadDashboardLists(undefined, value)}
            data-testid="year-input"
          />
        }
      />
    </Stack>
  );
}

export function DashboardLists({ period }: { period: string }) {
  const listsError = useDashboard((s) => s.listsError);
  useEffect(() => {
    void loadDashboardLists();
  }, []);
  return (
    <Stack gap="lg">
      {listsError !== null && <Alert color="red">{describeError(listsError)}</Alert>}
      <BreachSection period={period} />
      <QueuesSection period={period} />
      <YearSection />
    </Stack>
  );
}
