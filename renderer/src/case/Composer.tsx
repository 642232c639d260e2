// Reply or internal note. Ctrl/Cmd+Enter sends (the dispatcher's `send`); `::` opens templates.
// It stays mounted as the selection moves and its text follows the case on screen (state/
// open-case loads the draft): the textarea grows with its text through CSS (`field-sizing`),
// because a measured autosize forced a style and layout pass on every case switch.
import { Button, Checkbox, Group, SegmentedControl, Text, Textarea } from '@mantine/core';
import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { may } from '../../../shared/capabilities';
import { DOM_IDS } from '../ui/focus';
import { send } from './send';
import { announcePresence, useOpenCase } from '../state/open-case';
import { SHORTCUTS } from '../shortcuts/table';
import { setComposerMode, setComposerText, useComposer } from '../state/composer';
import { openDialog, useInbox } from '../state/inbox';
import { useSession } from '../state/session';
import { CollisionDialog } from './CollisionDialog';

const TEMPLATE_TRIGGER = SHORTCUTS.find((s) => s.id === 'template')?.typed ?? '::';

export const Composer = memo(function Composer({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const composerMode = useComposer((s) => s.mode);
  // the call centre may leave notes but never replies (shared/capabilities.ts): no Reply here
  const mayReply = useSession((s) => may(s.staff, 'case.reply'));
  const mode = mayReply ? composerMode : 'note';
  useEffect(() => {
    if (!mayReply && composerMode === 'reply') setComposerMode('note');
  }, [mayReply, composerMode]);
  const text = useComposer((s) => s.text);
  const final = useComposer((s) => s.final);
  const emptyAttempt = useComposer((s) => s.emptyAttempt);

  const setReplying = (on: boolean) => {
    // the composer may still hold the previous case while the selected one loads
    if (useOpenCase.getState().caseId !== useComposer.getState().caseId) return;
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
        {mayReply ? (
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
        ) : (
          <Text size="xs" fw={600} data-testid="composer-note-only">{t('composer.noteOnly')}</Text>
        )}
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
        onFocus={() => {
          useInbox.setState({ focus: 'composer' });
          // back in a reply that already has words: colleagues see it being written again
          setReplying(mode === 'reply' && text.trim() !== '');
        }}
        onBlur={() => setReplying(false)}
        placeholder={mode === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
        rows={3}
        classNames={{ input: 'composer-input' }}
        dir="auto"
        aria-label={mode === 'reply' ? t('composer.reply') : t('composer.note')}
        error={emptyAttempt ? t(mode === 'reply' ? 'composer.emptyReply' : 'composer.emptyNote') : undefined}
        errorProps={{ role: 'alert', 'data-testid': 'composer-empty' }}
      />
      <Group justify="flex-end" mt={6}>
        <Button size="xs" onClick={() => void send()} disabled={disabled} data-testid="composer-send" color={mode === 'note' ? 'yellow' : undefined}>
          {mode === 'reply' ? t('composer.send') : t('composer.sendNote')}
        </Button>
      </Group>
      <CollisionDialog />
    </section>
  );
});
