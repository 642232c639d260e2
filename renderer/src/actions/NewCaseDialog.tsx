// `c`: the call centre logs a request for a caller and routes it to an agency.
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS } from '../../../shared/domain';
import type { CaseKind, Language } from '../../../shared/domain';
import { currentLanguage } from '../i18n';
import { closeDialog } from '../state/inbox';
import { useSession } from '../state/session';
import { mutate } from './mutate';

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
  const agencies = (reference?.agencies ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: language === 'ar' ? a.nameAr : a.nameEn }));
  const ready = agencyId !== null && name.trim() !== '' && subject.trim() !== '';

  const create = () => {
    if (agencyId === null) return;
    closeDialog();
    void mutate('case.create', {
      caseId: crypto.randomUUID(),
      kind,
      agencyId,
      channel: 'callcentre',
      citizen: {
        name: name.trim(),
        language: citizenLanguage,
        ...(cpr.trim() === '' ? {} : { cpr: cpr.trim() }),
        ...(phone.trim() === '' ? {} : { phone: phone.trim() }),
      },
      subject: subject.trim(),
      body: body.trim(),
      language: citizenLanguage,
    });
  };

  return (
    <Modal opened onClose={closeDialog} title={t('newCase.title')} size="lg" data-testid="new-case-dialog">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <Select label={t('newCase.kind')} data={CASE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} value={kind} onChange={(v) => setKind((v ?? 'complaint'))} allowDeselect={false} />
          <Select label={t('newCase.agency')} data={agencies} value={agencyId} onChange={setAgencyId} searchable />
          <TextInput label={t('newCase.citizenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus dir="auto" />
          <Select label={t('newCase.language')} data={[{ value: 'ar', label: 'العربية' }, { value: 'en', label: 'English' }]} value={citizenLanguage} onChange={(v) => setCitizenLanguage(v === 'ar' ? 'ar' : 'en')} allowDeselect={false} />
          <TextInput label={t('newCase.cpr')} value={cpr} onChange={(e) => setCpr(e.currentTarget.value)} dir="ltr" inputMode="numeric" />
          <TextInput label={t('newCase.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} dir="ltr" inputMode="tel" />
        </SimpleGrid>
        <TextInput label={t('newCase.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} dir="auto" />
        <Textarea label={t('newCase.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={3} dir="auto" />
        <Group justify="flex-end">
          <Button onClick={create} disabled={!ready}>{t('newCase.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
