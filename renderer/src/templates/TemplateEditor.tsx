// The editor of one reply template pair: code, kinds (and, for an admin's new pair, its agency or
// national), the Arabic half (right to left) beside the English one, each with a live preview
// filled from a sample case, and the placeholders to insert where the caret was. Ctrl/Cmd+Enter
// saves, Esc goes back to the list, the archive button asks for a confirmation first.
import { Alert, Badge, Button, Checkbox, Group, Kbd, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import i18next from 'i18next';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Language, Staff } from '../../../shared/domain';
import { CASE_KINDS } from '../../../shared/domain';
import { PLACEHOLDERS, renderTemplate } from '../../../shared/templates';
import type { Placeholder, TemplateContext } from '../../../shared/templates';
import type { AppCommands } from '../shortcuts/table';
import { DOM_IDS } from '../ui/focus';
import { formatDateTime } from '../format/time';
import { currentLanguage } from '../i18n';
import { useSession } from '../state/session';
import { draftProblem, updateDraft, useTemplateAdmin } from '../state/template-admin';
import type { HalfDraft, TemplateDraft } from '../state/template-admin';

const DAY_MS = 86_400_000;

/** i18n keys of the placeholders' descriptions (their names hold dots, which i18next reads as paths). */
const PLACEHOLDER_LABELS: Record<Placeholder, string> = {
  'citizen.name': 'citizenName',
  'case.ref': 'caseRef',
  'case.subject': 'caseSubject',
  'agency.name': 'agencyName',
  'staff.name': 'staffName',
  'case.firstResponseDue': 'firstResponseDue',
  'case.resolutionDue': 'resolutionDue',
};

/** A made-up case in the half's language, so each preview reads as the citizen would get it. */
function sampleContext(language: Language, agency: Agency | null, self: Staff | null): TemplateContext {
  const now = Date.now();
  return {
    case: {
      ref: 'TW-2026-00012345',
      subject: i18next.t('templatesAdmin.sample.subject', { lng: language }),
      citizen: { name: i18next.t('templatesAdmin.sample.citizen', { lng: language }), language },
      firstResponseDueAt: now + 5 * DAY_MS,
      resolutionDueAt: now + 20 * DAY_MS,
    },
    agency,
    staff: self,
    language,
    formatDate: (ms, l) => formatDateTime(ms, l, 'long'),
  };
}

const LANGUAGES: readonly Language[] = ['ar', 'en'];

export const halfFieldId = (language: Language, field: 'title' | 'body') => `template-${language}-${field}`;

type HalfProps = {
  draft: TemplateDraft;
  language: Language;
  previewAgency: Agency | null;
  sender: Staff | null;
  setHalf: (language: Language, patch: Partial<HalfDraft>) => void;
  onBodyFocus: (language: Language) => void;
};

/** One language's title and body, with the body's preview filled from a sample case. */
function TemplateHalf({ draft, language, previewAgency, sender, setHalf, onBodyFocus }: HalfProps) {
  const { t } = useTranslation();
  const value = draft[language];
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const rendered = value.body.trim() === '' ? '' : renderTemplate(value.body, sampleContext(language, previewAgency, sender));
  return (
    // labels follow the UI's direction; what is written (and its preview) follows the half's
    <Stack gap="xs" data-testid={`template-half-${language}`} data-dir={dir}>
      <Text size="sm" fw={600}>{language === 'ar' ? t('templatesAdmin.arabic') : t('templatesAdmin.english')}</Text>
      <TextInput
        id={halfFieldId(language, 'title')}
        label={t('templatesAdmin.titleField')}
        value={value.title}
        onChange={(e) => setHalf(language, { title: e.currentTarget.value })}
        dir={dir}
        lang={language}
        readOnly={draft.readOnly}
        maxLength={120}
      />
      <Textarea
        id={halfFieldId(language, 'body')}
        label={t('templatesAdmin.body')}
        value={value.body}
        onChange={(e) => setHalf(language, { body: e.currentTarget.value })}
        dir={dir}
        lang={language}
        onFocus={() => onBodyFocus(language)}
        readOnly={draft.readOnly}
        autosize
        minRows={5}
        maxRows={14}
      />
      <Text size="xs" c="dimmed">{t('templatesAdmin.preview')}</Text>
      <div className="template-preview" dir={rendered === '' ? undefined : dir} lang={rendered === '' ? undefined : language} data-testid={`template-preview-${language}`}>
        {rendered === '' ? <Text size="sm" c="dimmed">{t('templatesAdmin.previewEmpty')}</Text> : rendered}
      </div>
    </Stack>
  );
}

/** Archive (an existing pair), back to the list, save: each also a shortcut of the table. */
function EditorButtons({ draft, commands, saving, problem }: { draft: TemplateDraft; commands: AppCommands; saving: boolean; problem: ReturnType<typeof draftProblem> }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      {!draft.readOnly && draft.previousCode !== null && (
        <Button size="xs" variant="subtle" color="red" onClick={() => commands.archiveTemplate()} data-testid="template-archive">
          {t('templatesAdmin.archive')}
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => commands.back()}>
        {t('templatesAdmin.back')} <Kbd size="xs" ms={6}>Esc</Kbd>
      </Button>
      {!draft.readOnly && (
        <Tooltip label={problem === null ? '' : t(`templatesAdmin.invalid.${problem.key}`, problem.params)} disabled={problem === null}>
          <Button size="xs" onClick={() => commands.send()} loading={saving} disabled={problem !== null} data-testid="template-save">
            {t('templatesAdmin.save')} <Kbd size="xs" ms={6}>Ctrl+Enter</Kbd>
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}

export function TemplateEditor({ draft, commands }: { draft: TemplateDraft; commands: AppCommands }) {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const staff = useSession((s) => s.staff);
  const { saving, error } = useTemplateAdmin();
  const lastBody = useRef<Language>(currentLanguage());
  const problem = draftProblem(draft);
  const uiLanguage = currentLanguage();
  const agencies = reference?.agencies ?? [];
  const previewAgency = agencies.find((a) => a.id === (draft.agencyId ?? staff?.agencyId)) ?? null;
  const isAdmin = staff?.role === 'admin';
  const agencyLabel = (a: Agency) => (uiLanguage === 'ar' ? a.nameAr : a.nameEn);
  const owner = agencies.find((a) => a.id === draft.agencyId);
  const ownerName = draft.agencyId === null ? t('templatesAdmin.national') : owner === undefined ? draft.agencyId : agencyLabel(owner);

  const setHalf = (language: Language, patch: Partial<HalfDraft>) => updateDraft({ [language]: { ...draft[language], ...patch } });

  /** puts `{{name}}` where the caret is in the body last written in */
  const insertPlaceholder = (name: Placeholder) => {
    const language = lastBody.current;
    const area = document.getElementById(halfFieldId(language, 'body'));
    const body = draft[language].body;
    const token = `{{${name}}}`;
    const at = area instanceof HTMLTextAreaElement ? area.selectionStart : body.length;
    const end = area instanceof HTMLTextAreaElement ? area.selectionEnd : body.length;
    setHalf(language, { body: body.slice(0, at) + token + body.slice(end) });
    requestAnimationFrame(() => {
      if (!(area instanceof HTMLTextAreaElement)) return;
      area.focus();
      area.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <ScrollArea className="templates-screen" data-testid="template-editor" data-new={draft.previousCode === null}>
      <Stack gap="sm" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{draft.previousCode === null ? t('templatesAdmin.newTitle') : t('templatesAdmin.editTitle', { code: draft.previousCode })}</Title>
          <EditorButtons draft={draft} commands={commands} saving={saving} problem={problem} />
        </Group>
        {draft.readOnly && <Alert color="gray" data-testid="template-read-only">{t('templatesAdmin.nationalReadOnly')}</Alert>}
        <Group align="flex-end" gap="lg" wrap="wrap">
          <TextInput
            id={DOM_IDS.templateCode}
            label={t('templatesAdmin.code')}
            description={t('templatesAdmin.codeHint')}
            value={draft.code}
            onChange={(e) => updateDraft({ code: e.currentTarget.value.toLowerCase() })}
            readOnly={draft.readOnly}
            dir="ltr"
            w={220}
            data-autofocus
          />
          {isAdmin && draft.previousCode === null ? (
            <Select
              label={t('templatesAdmin.owner')}
              data={[{ value: '', label: t('templatesAdmin.national') }, ...agencies.map((a) => ({ value: a.id, label: agencyLabel(a) }))]}
              value={draft.agencyId ?? ''}
              onChange={(value) => updateDraft({ agencyId: value === null || value === '' ? null : value })}
              searchable
              allowDeselect={false}
              w={260}
              data-testid="template-agency"
            />
          ) : (
            <Stack gap={2}>
              <Text size="sm" fw={500}>{t('templatesAdmin.owner')}</Text>
              <Badge variant="light" color={draft.agencyId === null ? 'gray' : 'indigo'}>
                {ownerName}
              </Badge>
            </Stack>
          )}
          <Checkbox.Group label={t('templatesAdmin.kinds')} value={draft.kinds} onChange={(value) => updateDraft({ kinds: CASE_KINDS.filter((k) => value.includes(k)) })}>
            <Group gap="md" mt={6}>
              {CASE_KINDS.map((kind) => (
                <Checkbox key={kind} value={kind} label={t(`kind.${kind}`)} disabled={draft.readOnly} data-testid={`template-kind-${kind}`} />
              ))}
            </Group>
          </Checkbox.Group>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {LANGUAGES.map((language) => (
            <TemplateHalf
              key={language}
              draft={draft}
              language={language}
              previewAgency={previewAgency}
              sender={reference?.self ?? null}
              setHalf={setHalf}
              onBodyFocus={(l) => {
                lastBody.current = l;
              }}
            />
          ))}
        </SimpleGrid>
        {!draft.readOnly && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">{t('templatesAdmin.placeholders')}</Text>
            <Group gap={6} data-testid="template-placeholders">
              {PLACEHOLDERS.map((name) => (
                <Tooltip key={name} label={t(`templatesAdmin.placeholder.${PLACEHOLDER_LABELS[name]}`)}>
                  <Button size="compact-xs" variant="light" color="gray" onClick={() => insertPlaceholder(name)} dir="ltr" data-placeholder={name}>
                    {`{{${name}}}`}
                  </Button>
                </Tooltip>
              ))}
            </Group>
          </Stack>
        )}
        {problem !== null && !draft.readOnly && (
          <Text size="sm" c="orange" data-testid="template-problem">{t(`templatesAdmin.invalid.${problem.key}`, problem.params)}</Text>
        )}
        {error !== null && <Alert color="red" data-testid="template-error">{error}</Alert>}
      </Stack>
    </ScrollArea>
  );
}
