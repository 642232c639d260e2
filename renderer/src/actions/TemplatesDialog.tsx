// `t` or `::`: pick a reply template by title or code, see it filled for this case, insert it.
// The half of the pair in the citizen's language comes first; the other is one click away.
import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { pickTemplate, renderTemplate } from '../../../shared/templates';
import { DOM_IDS } from '../ui/focus';
import { formatDateTime } from '../format/time';
import { setComposerText, useComposer } from '../state/composer';
import { closeDialog, useInbox } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { Picker } from '../ui/Picker';
import { templateCodes } from './template-codes';

export function TemplatesDialog() {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const detail = useOpenCase((s) => s.detail);
  const [letterLanguage, setLetterLanguage] = useState<Language>(detail?.case.citizen.language ?? 'en');
  const [activeCode, setActiveCode] = useState<string | null>(null);

  const templates = useMemo(() => {
    if (reference === null || detail === null) return [];
    return reference.templates.filter((tpl) => (tpl.agencyId === null || tpl.agencyId === detail.case.agencyId) && tpl.kinds.includes(detail.case.kind));
  }, [reference, detail]);

  const codes = useMemo(() => templateCodes(templates), [templates]);

  if (detail === null || reference === null) return null;
  const code = activeCode ?? codes[0]?.code ?? null;
  const template = code === null ? undefined : pickTemplate(templates, code, letterLanguage);
  const agency = reference.agencies.find((a) => a.id === detail.case.agencyId) ?? null;
  const rendered =
    template === undefined
      ? ''
      : renderTemplate(template.body, {
          case: detail.case,
          agency,
          staff: reference.self,
          language: template.language,
          formatDate: (ms, language) => formatDateTime(ms, language, 'long'),
        });

  const insert = (pickedCode: string) => {
    const picked = pickTemplate(templates, pickedCode, letterLanguage);
    if (picked === undefined) return;
    const body = renderTemplate(picked.body, {
      case: detail.case,
      agency,
      staff: reference.self,
      language: picked.language,
      formatDate: (ms, language) => formatDateTime(ms, language, 'long'),
    });
    const current = useComposer.getState().text;
    setComposerText(current.trim() === '' ? body : `${current.trimEnd()}\n\n${body}`);
    closeDialog();
    useInbox.setState({ focus: 'composer' });
    requestAnimationFrame(() => document.getElementById(DOM_IDS.composer)?.focus());
  };

  const lang = (l: Language) => (l === 'ar' ? 'العربية' : 'English');
  return (
    <Modal opened onClose={closeDialog} title={t('templates.title')} size="lg" data-testid="templates-dialog">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" c="dimmed">{t('templates.language')}</Text>
          <SegmentedControl
            size="xs"
            value={letterLanguage}
            onChange={(v) => setLetterLanguage(v === 'ar' ? 'ar' : 'en')}
            data={[{ value: 'ar', label: lang('ar') }, { value: 'en', label: lang('en') }]}
          />
        </Group>
        <Picker
          options={codes.map((c) => ({ id: c.code, label: pickTemplate(templates, c.code, letterLanguage)?.title ?? c.code, keywords: [c.code, ...c.titles], detail: c.code }))}
          placeholder={t('templates.search')}
          empty={t('templates.empty')}
          onPick={insert}
          onActive={setActiveCode}
          testId="template-picker"
        />
        {template !== undefined && (
          <div>
            <Text size="xs" c="dimmed" mb={4}>{t('templates.preview')}</Text>
            <div className="template-preview" dir={template.language === 'ar' ? 'rtl' : 'ltr'} lang={template.language} data-testid="template-preview">
              {rendered}
            </div>
          </div>
        )}
        <Group justify="flex-end">
          <Button onClick={() => code !== null && insert(code)} disabled={code === null}>{t('templates.insert')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
