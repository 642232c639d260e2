// The response-commitment rate per agent (answered within target / answered), as bars.
import { BarChart } from '@mantine/charts';
import { Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { personName } from '../format/names';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { COMMITMENT_SAMPLE, useBoard } from '../state/board';

export function CommitmentChart() {
  const { t } = useTranslation();
  const commitment = useBoard((s) => s.commitment);
  const agents = useBoard((s) => s.agents);
  const source = useBoard((s) => s.commitmentSource);
  const language = currentLanguage();
  const rtl = language === 'ar';

  const agentName = (agentId: string) => {
    const row = agents.find((a) => a.agent.id === agentId);
    return row === undefined ? agentId : personName(row.agent, language);
  };
  const data = (commitment ?? [])
    .filter((c) => c.due > 0)
    .map((c) => ({
      agent: agentName(c.agentId),
      rate: Math.round((100 * c.onTime) / c.due),
    }));
  // recharts draws left to right whatever the page direction: in Arabic the first agent
  // belongs on the right, with the value axis beside it.
  if (rtl) data.reverse();

  return (
    <Stack gap={6} data-testid="commitment-chart" data-ready={commitment !== null || undefined}>
      <Title order={6}>{t('board.commitmentTitle')}</Title>
      <Text size="xs" c="dimmed">{source === 'server' ? t('board.commitmentServer') : t('board.commitmentHint', { n: formatNumber(COMMITMENT_SAMPLE, language) })}</Text>
      {commitment === null ? (
        <Loader size="xs" aria-label={t('board.loading')} />
      ) : data.length === 0 ? (
        <Text size="sm" c="dimmed">{t('board.commitmentEmpty')}</Text>
      ) : (
        <BarChart
          h={220}
          data={data}
          dataKey="agent"
          series={[{ name: 'rate', label: t('board.commitmentSeries'), color: 'indigo.6' }]}
          valueFormatter={(value) => `${formatNumber(value, language)}%`}
          yAxisProps={{ domain: [0, 100], orientation: rtl ? 'right' : 'left' }}
          withBarValueLabel
          tickLine="y"
        />
      )}
    </Stack>
  );
}
