// `c`: the call centre logs a request for a caller and routes it to an agency. The caller's
// CPR comes first: their earlier cases show at once (and give their name), so the agent can
// tell them where those stand before logging a new one. While the desk's cache is still
// loading, finding none is not "none" (earlier-cases.ts), and the CPR is looked up again
// once it has loaded.
import { Button, Group, Kbd, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeForSearch } from '../../../shared/arabic';
import type { CaseRow } from '../../../shared/desk-api';
import { CASE_KINDS } from '../../../shared/domain';
import type { CaseKind, Language } from '../../../shared/domain';
import { desk } from '../desk/client';
import { currentLanguage } from '../i18n';
import { jumpToCase } from '../state/jump';
import { closeDialog } from '../state/inbox';
import { useSession } from '../state/session';
import { useSync } from '../state/sync';
import { cacheStillLoading, earlierCasesText } from './earlier-cases';
import { mutate, whenApplied } from '../ui/mutate';

const CPR_DIGITS = 9;

/** Digits as typed on either keyboard (٠١٢ or 012), as the schema wants them. */
function asciiDigits(text: string): string {
  return normalizeForSearch(text).replace(/\s+/g, '');
}

async function announceCreated(caseId: string): Promise<void> {
  const detail = await desk()['cases.get']({ caseId });
  if (detail === null) return;
  notifications.show({
    message: <span data-testid="case-created" data-ref={detail.case.ref}>{i18next.t('newCase.created', { ref: detail.case.ref })}</span>,
    color: 'teal',
    autoClose: 8_000,
  });
  await jumpToCase(caseId, detail.case.ref);
}

function EarlierCases({ rows, looking, partial, offline }: { rows: CaseRow[] | null; looking: boolean; partial: boolean; offline: boolean }) {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const language = currentLanguage();
  if (looking) return <Text size="xs" c="dimmed">{t('newCase.lookingUp')}</Text>;
  if (rows === null) return null;
  const text = earlierCasesText(rows.length, partial);
  // the server looks numbers up (the desk keeps them masked): offline nothing can be said
  if (offline) return <Text size="xs" c="dimmed" data-testid="earlier-cases-offline" role="status">{t('newCase.earlierCasesOffline')}</Text>;
  return (
    <Stack gap={2} data-testid="earlier-cases" data-count={rows.length} data-partial={partial} className="earlier-cases">
      {text.heading !== null && <Text size="xs" fw={600}>{t(text.heading === 'none' ? 'newCase.noEarlierCases' : 'newCase.earlierCases')}</Text>}
      {text.stillLoading && <Text size="xs" c="dimmed" data-testid="earlier-cases-loading">{t('newCase.earlierCasesLoading')}</Text>}
      {rows.map((row) => {
        const agency = reference?.agencies.find((a) => a.id === row.agencyId);
        return (
          <Group key={row.id} gap={8} wrap="nowrap" data-testid="earlier-case" data-case-id={row.id}>
            <Text size="xs" dir="ltr" c="dimmed">{row.ref}</Text>
            <Text size="xs" truncate="end" dir="auto" style={{ flex: 1 }}>{row.subject}</Text>
            <Text size="xs" c="dimmed">{t(`status.${row.status}`)}</Text>
            <Text size="xs" c="dimmed" truncate="end" maw={160}>
              {t('newCase.routedTo', { agency: agency === undefined ? row.agencyId : language === 'ar' ? agency.nameAr : agency.nameEn })}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

export function NewCaseDialog() {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const language = currentLanguage();
  const [kind, setKind] = useState<CaseKind>('complaint');
  const [agencyId, setAgencyId] = useState<string | null>(reference?.self.agencyId ?? null);
  const [name, setName] = useState('');
  const [cpr, setCpr] = useState('');
  const [phone, setPhone] = useState('');
  const [citizenLanguage, setCitizenLanguage] = useState<Language>(language);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  // the answer for one CPR; a different CPR typed since shows nothing until its own answer.
  // partial: asked while the cache was still loading
  const [lookup, setLookup] = useState<{ cpr: string; rows: CaseRow[] | null; partial: boolean; offline?: boolean }>({ cpr: '', rows: null, partial: false });
  const cacheLoading = useSync(cacheStillLoading);
  const agencies = (reference?.agencies ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: language === 'ar' ? a.nameAr : a.nameEn }));
  const cleanCpr = asciiDigits(cpr);
  const cprValid = cleanCpr === '' || /^\d{9}$/.test(cleanCpr);
  const wanted = cleanCpr.length === CPR_DIGITS;
  const earlier = wanted && lookup.cpr === cleanCpr ? lookup.rows : null;
  const looking = wanted && lookup.cpr !== cleanCpr;
  const ready = agencyId !== null && name.trim() !== '' && subject.trim() !== '' && cprValid;

  // cacheLoading: the same CPR is asked again when the cache has finished loading
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const partial = cacheLoading;
    desk()['cases.search']({ query: cleanCpr, view: 'all', filter: {}, limit: 20 }).then(
      ({ rows, citizenLookup }) => {
        if (!current) return;
        setLookup({ cpr: cleanCpr, rows, partial, offline: citizenLookup === 'offline' });
        const latest = rows[0];
        if (latest !== undefined) {
          setName((typed) => (typed.trim() === '' ? latest.citizenName : typed));
          setCitizenLanguage(latest.language);
        }
      },
      () => {
        if (current) setLookup({ cpr: cleanCpr, rows: [], partial });
      },
    );
    return () => {
      current = false;
    };
  }, [cleanCpr, wanted, cacheLoading]);

  const create = async () => {
    if (agencyId === null || !ready) return;
    closeDialog();
    const caseId = crypto.randomUUID();
    const mutationId = await mutate('case.create', {
      caseId,
      kind,
      agencyId,
      channel: 'callcentre',
      citizen: {
        name: name.trim(),
        language: citizenLanguage,
        ...(cleanCpr === '' ? {} : { cpr: cleanCpr }),
        ...(phone.trim() === '' ? {} : { phone: asciiDigits(phone) }),
      },
      subject: subject.trim(),
      body: body.trim(),
      language: citizenLanguage,
    });
    if (mutationId !== null) whenApplied(mutationId, () => void announceCreated(caseId).catch(() => undefined));
  };

  // Ctrl/Cmd+Enter logs the request from any field, as it sends a reply in the composer.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void create();
    }
  };

  return (
    <Modal opened onClose={closeDialog} title={t('newCase.title')} size="lg" data-testid="new-case-dialog">
      <Stack gap="sm" onKeyDown={onKeyDown}>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('newCase.cpr')}
            value={cpr}
            onChange={(e) => setCpr(e.currentTarget.value)}
            dir="ltr"
            inputMode="numeric"
            data-autofocus
            data-testid="new-case-cpr"
            error={cprValid ? undefined : t('newCase.cprInvalid')}
          />
          <TextInput label={t('newCase.citizenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} dir="auto" data-testid="new-case-name" />
        </SimpleGrid>
        <EarlierCases rows={earlier} looking={looking} partial={lookup.partial || cacheLoading} offline={lookup.offline === true} />
        <SimpleGrid cols={2}>
          <TextInput label={t('newCase.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} dir="ltr" inputMode="tel" />
          <Select label={t('newCase.language')} data={[{ value: 'ar', label: 'العربية' }, { value: 'en', label: 'English' }]} value={citizenLanguage} onChange={(v) => setCitizenLanguage(v === 'ar' ? 'ar' : 'en')} allowDeselect={false} />
          <Select label={t('newCase.kind')} data={CASE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} value={kind} onChange={(v) => setKind(v ?? 'complaint')} allowDeselect={false} searchable data-testid="new-case-kind" />
          <Select label={t('newCase.agency')} data={agencies} value={agencyId} onChange={setAgencyId} searchable data-testid="new-case-agency" />
        </SimpleGrid>
        <TextInput label={t('newCase.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} dir="auto" data-testid="new-case-subject" />
        <Textarea label={t('newCase.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={3} dir="auto" data-testid="new-case-body" />
        <Group justify="flex-end" gap="xs">
          <Text size="xs" c="dimmed"><Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd></Text>
          <Button onClick={() => void create()} disabled={!ready} data-testid="new-case-submit">{t('newCase.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
