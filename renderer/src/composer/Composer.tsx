// Reply or internal note. Ctrl/Cmd+Enter sends (the dispatcher's `send`); `::` opens templates.
import { Button, Checkbox, Group, SegmentedControl, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../actions/commands';
import { send } from '../actions/send';
import { announcePresence, useOpenCase } from '../state/open-case';
import { SHORTCUTS } from '../shortcuts/table';
import { loadComposer, setComposerMode, setComposerText, useComposer } from '../state/composer';
import { openDialog, useInbox } from '../state/inbox';
import { CollisionDialog } from './CollisionDialog';

const TEMPLATE_TRIGGER = SHORTCUTS.find((s) => s.id === 'template')?.typed ?? '::';

export function Composer({ caseId, disabled }: { caseId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const mode = useComposer((s) => s.mode);
  const text = useComposer((s) => s.text);
  const final = useComposer((s) => s.final);

  useEffect(() => {
    loadComposer(caseId);
  }, [caseId]);

  const setReplying = (on: boolean) => {
    if (useOpenCase.getState().caseId !== caseId) return;
    announcePresence(on ? 'replying' : 'viewing');
  };

  const onChange = (value: string, caret: number) => {
    if (value.slice(Math.max(0, caret - TEMPLATE_TRIGGER.length), caret) === TEMPLATE_TRIGGER && mode === 'reply') {
      setComposerText(value.slice(0, caret - TEMPLATE_TRIGGER.length) + value.slice(caret));
      openDialog({ type: 'templates' });
      return;
    }
    setComposerText(value);
    setReplying(mode === 'reply' && value.trim() !== '');
  };

  return (
    <section className={`composer composer-${mode}`} data-testid="composer-panel" aria-label={t('composer.label')}>
      <Group justify="space-between" gap="xs" mb={6}>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setComposerMode(value)}
          data={[
            { value: 'reply', label: t('composer.reply') },
            { value: 'note', label: t('composer.note') },
          ]}
          data-testid="composer-mode"
        />
        {mode === 'reply' && (
          <Checkbox size="xs" label={t('composer.final')} checked={final} onChange={(e) => useComposer.setState({ final: e.currentTarget.checked })} />
        )}
      </Group>
      <Textarea
        id={DOM_IDS.composer}
        data-testid="composer"
        value={text}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value, e.currentTarget.selectionStart)}
        onFocus={() => useInbox.setState({ focus: 'composer' })}
        onBlur={() => setReplying(false)}
        placeholder={mode === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
        autosize
        minRows={3}
        maxRows={12}
        dir="auto"
        aria-label={mode === 'reply' ? t('composer.reply') : t('composer.note')}
      />
      <Group justify="flex-end" mt={6}>
        <Button size="xs" onClick={() => void send()} disabled={disabled || text.trim() === ''} data-testid="composer-send" color={mode === 'note' ? 'yellow' : undefined}>
          {mode === 'reply' ? t('composer.send') : t('composer.sendNote')}
        </Button>
      </Group>
      <CollisionDialog />
    </section>
  );
}
