// `t` over several cases: one template replied to all of them. Each case gets the half of the
// pair in its citizen's language with its own placeholders filled (the server renders it, the
// desk predicts the same); the preview shows it for the case on screen. Enter on a template
// moves to the confirmation, Ctrl/Cmd+Enter sends.
import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickTemplate, renderTemplate } from '../../../shared/templates';
import { formatDateTime, formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { closeDialog, listLength, useInbox } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { clearSelection, resolveCaseIds } from './bulk';
import { showBulkProgress } from '../ui/bulk-progress';
import { mutate } from '../ui/mutate';
import { Picker } from '../ui/Picker';
import { templateCodes } from './template-codes';

/** `groupId`: the open cases of a mass-complaint group, answered as one group reply (`bulk.groupReply`). */
export function BulkReplyDialog({ caseIds, groupId }: { caseIds: string[] | 'view'; groupId?: string | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const reference = useSession((s) => s.reference);
  const openDetail = useOpenCase((s) => s.detail);
  // a group's reply previews the case on screen only when it is one of the group
  const detail = groupId !== undefined && openDetail?.case.massGroupId !== groupId ? null : openDetail;
  const count = caseIds === 'view' ? listLength(useInbox.getState()) : caseIds.length;
  const n = formatNumber(count, language);
  const [activeCode, setActiveCode] = useState<string | null>(null);
  const [chosenCode, setChosenCode] = useState<string | null>(null);
  const [final, setFinal] = useState(true);
  const sendButton = useRef<HTMLButtonElement>(null);
  // the picker leaves the screen once a template is chosen: the focus goes to Send
  useEffect(() => {
    if (chosenCode !== null) sendButton.current?.focus();
  }, [chosenCode]);

  // the server sends the national templates and those of the agencies this desk works for
  const templates = useMemo(() => reference?.templates ?? [], [reference]);
  const codes = useMemo(() => templateCodes(templates), [templates]);

  if (reference === null) return null;
  const shownCode = chosenCode ?? activeCode ?? codes[0]?.code ?? null;
  const sampleLanguage = detail?.case.citizen.language ?? language;
  const template = shownCode === null ? undefined : pickTemplate(templates, shownCode, sampleLanguage);
  const title = (code: string) => pickTemplate(templates, code, language)?.title ?? code;
  const preview =
    template === undefined
      ? ''
      : detail === null
        ? template.body
        : renderTemplate(template.body, {
            case: detail.case,
            agency: reference.agencies.find((a) => a.id === detail.case.agencyId) ?? null,
            staff: reference.self,
            language: template.language,
            formatDate: (ms, l) => formatDateTime(ms, l, 'long'),
          });

  const send = async () => {
    if (template === undefined || chosenCode === null) return;
    closeDialog();
    const ids = await resolveCaseIds(caseIds);
    if (ids === null) return;
    const mutationId = groupId === undefined
      ? await mutate('bulk.reply', { caseIds: ids, templateId: template.id, final })
      : await mutate('bulk.groupReply', { caseIds: ids, templateId: template.id, final });
    if (mutationId === null) return;
    clearSelection();
    showBulkProgress(mutationId, ids.length, 'bulk.replying');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && chosenCode !== null) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <Modal opened onClose={closeDialog} title={groupId === undefined ? t('bulkReply.title', { n }) : t('mass.replyTitle', { n })} size="lg" data-testid="bulk-reply-dialog" data-group-id={groupId}>
      <Stack gap="sm" onKeyDown={onKeyDown}>
        {chosenCode === null ? (
          <Picker
            options={codes.map((c) => ({ id: c.code, label: title(c.code), keywords: [c.code, ...c.titles], detail: c.code }))}
            placeholder={t('templates.search')}
            empty={t('templates.empty')}
            onPick={setChosenCode}
            onActive={setActiveCode}
            testId="bulk-reply-picker"
          />
        ) : (
          <>
            <Text size="sm" fw={600} data-testid="bulk-reply-summary">
              {groupId === undefined ? t('bulkReply.summary', { n, title: title(chosenCode) }) : t('mass.replySummary', { n, title: title(chosenCode) })}
            </Text>
            <Checkbox label={t('bulkReply.final')} checked={final} onChange={(e) => setFinal(e.currentTarget.checked)} />
          </>
        )}
        {template !== undefined && (
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              {detail === null ? t('bulkReply.previewRaw') : t('bulkReply.previewFor', { ref: detail.case.ref })}
            </Text>
            <div className="template-preview" dir={template.language === 'ar' ? 'rtl' : 'ltr'} lang={template.language} data-testid="bulk-reply-preview">
              {preview}
            </div>
          </div>
        )}
        <Group justify="flex-end">
          {chosenCode !== null && (
            <>
              <Text size="xs" c="dimmed">{t('bulkReply.keys')}</Text>
              <Button variant="default" onClick={() => setChosenCode(null)}>{t('bulkReply.back')}</Button>
              <Button ref={sendButton} onClick={() => void send()} data-testid="bulk-reply-send">{t('bulkReply.send', { n })}</Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
