// `g d`: the SLA and volume dashboard. The response-commitment rate for the chosen period
// against the 99% target, split by kind and by agent; requests filed per day, kind and
// channel; then the cases about to breach, the reopened and escalated queues and the year in
// the national report's shape (DashboardLists). Every table exports to CSV and XLSX. Supervisors and admins only (the server
// refuses the statistics to anyone else).
import { BarChart } from '@mantine/charts';
import { Alert, Group, Loader, ScrollArea, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, CHANNELS } from '../../../shared/domain';
import { DOM_IDS } from '../ui/focus';
import { describeError } from '../ui/errors';
import { may } from '../../../shared/capabilities';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { staffName, useSession } from '../state/session';
import { localDate } from '../format/bahrain-day';
import { COMMITMENT_TARGET, PERIOD_DAYS, loadDashboard, rateOf, useDashboard } from '../state/dashboard';
import type { PeriodDays } from '../state/dashboard';
import { ExportTable } from './ExportTable';
import { DashboardLists } from './DashboardLists';

/** a rate as a percentage with one decimal, for tables and files alike */
const percent = (rate: number | null): number | string => (rate === null ? '' : Math.round(rate * 1000) / 10);

export function DashboardScreen() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const reference = useSession((s) => s.reference);
  const allowed = may(staff, 'screen.dashboard');
  const state = useDashboard();
  const language = currentLanguage();
  const rtl = language === 'ar';
  const n = (value: number) => formatNumber(value, language);
  useEffect(() => {
    if (allowed) void loadDashboard();
  }, [allowed]);

  if (!allowed) {
    return (
      <section className="dashboard board-denied" id={DOM_IDS.dashboard} tabIndex={-1} data-testid="dashboard" data-allowed="false">
        <Stack align="center" gap="xs">
          <Title order={4}>{t('dashboard.title')}</Title>
          <Text c="dimmed" data-testid="dashboard-denied">{t('dashboard.supervisorsOnly')}</Text>
        </Stack>
      </section>
    );
  }

  const rate = rateOf(state.total);
  const period = `${localDate(state.from)}_${localDate(state.to)}`;
  const rateColumns = [
    { key: 'due', label: t('dashboard.due') },
    { key: 'onTime', label: t('dashboard.onTime') },
    { key: 'rate', label: t('dashboard.ratePercent') },
  ];
  const kindRows = state.byKind.map((k) => ({ kind: t(`kind.${k.kind}`), due: k.due, onTime: k.onTime, rate: percent(rateOf(k)) }));
  const agentRows = state.byAgent.map((a) => ({
    agent: a.assigneeId === null ? t('dashboard.nobody') : (staffName(reference, a.assigneeId) ?? a.assigneeId),
    due: a.due,
    onTime: a.onTime,
    rate: percent(rateOf(a)),
  }));
  const days = [...new Set(state.volume.map((v) => v.day))].sort((a, b) => a - b);
  const dayRows = days.map((day) => {
    const of = state.volume.filter((v) => v.day === day);
    const row: Record<string, string | number> = { day: localDate(day) };
    for (const kind of CASE_KINDS) row[kind] = of.filter((v) => v.kind === kind).reduce((s, v) => s + v.count, 0);
    row.total = of.reduce((s, v) => s + v.count, 0);
    return row;
  });
  const channelRows = CHANNELS.map((channel) => {
    const of = state.volume.filter((v) => v.channel === channel);
    const row: Record<string, string | number> = { channel: t(`channel.${channel}`) };
    for (const kind of CASE_KINDS) row[kind] = of.filter((v) => v.kind === kind).reduce((s, v) => s + v.count, 0);
    row.total = of.reduce((s, v) => s + v.count, 0);
    return row;
  }).filter((r) => r.total !== 0);
  const kindColumns = CASE_KINDS.map((kind) => ({ key: kind, label: t(`kind.${kind}`) }));
  const chartAgents = agentRows.filter((a) => a.due > 0).map((a) => ({ agent: a.agent, rate: a.rate === '' ? 0 : a.rate }));
  if (rtl) chartAgents.reverse();
  const chartDays = rtl ? [...dayRows].reverse() : dayRows;

  return (
    <ScrollArea className="dashboard" viewportProps={{ id: DOM_IDS.dashboard, tabIndex: -1 }} data-testid="dashboard" data-allowed="true" data-status={state.status}>
      <Stack gap="lg" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('dashboard.title')}</Title>
          {state.status === 'loading' && <Loader size="xs" aria-label={t('board.loading')} />}
          <SegmentedControl
            size="xs"
            aria-label={t('dashboard.period')}
            value={String(state.days)}
            onChange={(value) => void loadDashboard(Number(value) as PeriodDays)}
            data={PERIOD_DAYS.map((d) => ({ value: String(d), label: t('dashboard.lastDays', { n: n(d) }) }))}
            data-testid="dashboard-period"
          />
        </Group>
        {state.status === 'failed' && <Alert color="red">{describeError(state.error)}</Alert>}
        <Group gap="xl" align="baseline" aria-live="polite">
          <Text size="xl" fw={700} className={rate !== null && rate < COMMITMENT_TARGET ? 'rate-missed' : 'rate-met'} data-testid="dashboard-rate" data-due={state.total.due} data-on-time={state.total.onTime} data-from={state.from} data-to={state.to}>
            {rate === null ? '–' : `${n(Number(percent(rate)))}%`}
          </Text>
          <Text size="sm" c="dimmed">{t('dashboard.rateLine', { onTime: n(state.total.onTime), due: n(state.total.due), target: n(COMMITMENT_TARGET * 100) })}</Text>
        </Group>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ExportTable id="commitment-by-kind" title={t('dashboard.byKind')} columns={[{ key: 'kind', label: t('dashboard.kind') }, ...rateColumns]} rows={kindRows} period={period} empty={t('dashboard.empty')} />
          <ExportTable id="commitment-by-agent" title={t('dashboard.byAgent')} columns={[{ key: 'agent', label: t('board.agent') }, ...rateColumns]} rows={agentRows} period={period} empty={t('dashboard.empty')} />
        </SimpleGrid>
        {chartAgents.length > 0 && (
          <BarChart
            h={200}
            data={chartAgents}
            dataKey="agent"
            series={[{ name: 'rate', label: t('dashboard.ratePercent'), color: 'indigo.6' }]}
            referenceLines={[{ y: COMMITMENT_TARGET * 100, label: t('dashboard.target'), color: 'red.6' }]}
            yAxisProps={{ domain: [0, 100], orientation: rtl ? 'right' : 'left' }}
            valueFormatter={(value) => `${formatNumber(value, language)}%`}
            role="img"
            aria-label={t('dashboard.byAgent')}
          />
        )}
        <Title order={5}>{t('dashboard.volumeTitle')}</Title>
        {chartDays.length > 0 && (
          <BarChart
            h={200}
            type="stacked"
            data={chartDays}
            dataKey="day"
            series={CASE_KINDS.map((kind, i) => ({ name: kind, label: t(`kind.${kind}`), color: ['indigo.6', 'teal.6', 'orange.6'][i] ?? 'gray.6' }))}
            yAxisProps={{ orientation: rtl ? 'right' : 'left' }}
            withLegend
            role="img"
            aria-label={t('dashboard.volumeByDay')}
          />
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ExportTable id="volume-by-day" title={t('dashboard.volumeByDay')} columns={[{ key: 'day', label: t('dashboard.day') }, ...kindColumns, { key: 'total', label: t('dashboard.total') }]} rows={dayRows} period={period} empty={t('dashboard.empty')} />
          <ExportTable id="volume-by-channel" title={t('dashboard.volumeByChannel')} columns={[{ key: 'channel', label: t('dashboard.channel') }, ...kindColumns, { key: 'total', label: t('dashboard.total') }]} rows={channelRows} period={period} empty={t('dashboard.empty')} />
        </SimpleGrid>
        <DashboardLists period={period} />
      </Stack>
    </ScrollArea>
  );
}
