// `Shift+O` on a suggestion (supervisors and admins): its outcome's next step. Only the steps
// shared/lifecycle.ts allows from the current outcome are offered, and a decline cannot be
// confirmed without its reason, so the desk never offers what the server would refuse.
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionOutcome } from '../../../shared/domain';
import { nextOutcomes } from '../../../shared/lifecycle';
import { closeDialog } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { mutate } from '../ui/mutate';

export function OutcomeDialog({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const current = useOpenCase((s) => (s.detail?.case.id === caseId ? s.detail.case.outcome : null));
  const steps = nextOutcomes(current);
  const [picked, setOutcome] = useState<SuggestionOutcome | null>(null);
  // the case may change under the open dialog (its own previous step arriving): only a step
  // still open from the outcome shown counts, else the first one
  const outcome = picked !== null && steps.includes(picked) ? picked : (steps[0] ?? null);
  const [reason, setReason] = useState('');
  const needsReason = outcome === 'declined';
  const ready = outcome !== null && (!needsReason || reason.trim() !== '');

  const confirm = () => {
    if (!ready || outcome === null) return;
    closeDialog();
    void mutate('case.setOutcome', { caseId, outcome, reason: needsReason ? reason : '' });
  };

  return (
    <Modal opened onClose={closeDialog} title={t('outcomeDialog.title')} data-testid="outcome-dialog">
      <Stack
        gap="sm"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            confirm();
          }
        }}
      >
        <Text size="sm" data-testid="outcome-current">
          {t('outcomeDialog.current', { outcome: current === null ? t('outcomeDialog.none') : t(`outcome.${current}`) })}
        </Text>
        {steps.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="outcome-final">{t('outcomeDialog.final')}</Text>
        ) : (
          <Radio.Group
            label={t('outcomeDialog.next')}
            value={outcome}
            onChange={(value) => setOutcome(value)}
            data-testid="outcome-choices"
          >
            <Stack gap={6} mt={6}>
              {steps.map((step, i) => (
                <Radio key={step} value={step} label={t(`outcome.${step}`)} data-autofocus={i === 0 || undefined} data-testid={`outcome-${step}`} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {needsReason && (
          <Textarea
            label={t('outcomeDialog.reason')}
            description={t('outcomeDialog.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            dir="auto"
            required
            maxLength={2_000}
            data-testid="outcome-reason"
          />
        )}
        <Group justify="flex-end">
          <Text size="xs" c="dimmed">{t('assign.confirmKeys')}</Text>
          <Button onClick={confirm} disabled={!ready} data-testid="outcome-confirm">{t('outcomeDialog.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
