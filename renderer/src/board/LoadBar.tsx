// An agent's load against capacity, drawn on a 0–200% scale with capacity at the middle, so
// "160 open of 40" is visibly not "41 of 40": the part past capacity is red, and the figure
// beside the bar says by how much.
import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { loadPercent } from './load';

const SCALE = 200;

export function LoadBar({ open, capacity }: { open: number; capacity: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const percent = loadPercent(open, capacity);
  const over = Math.max(0, open - capacity);
  const within = Math.min(percent, 100);
  const beyond = Math.min(Math.max(percent - 100, 0), SCALE - 100);
  const label = t('board.loadOf', { open: formatNumber(open, language), capacity: formatNumber(capacity, language) });
  const shown = Number.isFinite(percent) ? `${formatNumber(percent, language)}%` : '∞';
  return (
    <Group gap={8} wrap="nowrap" data-testid="board-load" data-percent={Number.isFinite(percent) ? percent : 'inf'} data-over={over}>
      <Progress.Root size="md" className="load-bar" flex={1} aria-label={label} role="img">
        {/* the root names the load; its two sections are drawing only (each would otherwise be an unnamed progressbar) */}
        <Progress.Section value={(100 * within) / SCALE} color={over > 0 ? 'orange' : 'indigo'} aria-hidden />
        <Progress.Section value={(100 * beyond) / SCALE} color="red" aria-hidden />
      </Progress.Root>
      <Text size="xs" fw={over > 0 ? 700 : 400} c={over > 0 ? 'red' : 'dimmed'} className="num load-figure">
        {over > 0 ? t('board.overBy', { percent: shown, n: formatNumber(over, language) }) : shown}
      </Text>
    </Group>
  );
}
