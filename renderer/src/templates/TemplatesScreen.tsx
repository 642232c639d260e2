// `g t`: the reply templates of the agency (an admin: of every agency, and the national ones).
// The list filters as you type; j/k move, Enter opens the editor, Shift+N starts a new pair,
// Delete archives (after a confirmation), Esc goes back to the inbox. Agents are told the
// screen is for supervisors, as the supervisor board tells them.
import { Badge, Button, Group, Kbd, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppCommands } from '../shortcuts/table';
import { DOM_IDS } from '../ui/focus';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { useSession } from '../state/session';
import { TemplateEditor } from './TemplateEditor';
import { filterPairs, mayEditPair, mayManageTemplates, pairsOf, setTemplateFilter, useTemplateAdmin } from '../state/template-admin';

export function TemplatesScreen({ commands }: { commands: AppCommands }) {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const reference = useSession((s) => s.reference);
  const { filter, selectedKey, draft } = useTemplateAdmin();
  const allowed = mayManageTemplates(staff);
  const language = currentLanguage();
  const pairs = useMemo(() => filterPairs(pairsOf(reference?.templates ?? []), filter), [reference, filter]);
  const selected = pairs.find((p) => p.key === selectedKey) ?? pairs[0];

  useEffect(() => {
    if (selected !== undefined) document.getElementById(`template-row-${selected.key}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  if (!allowed) {
    return (
      <section className="templates-screen board-denied" id={DOM_IDS.templatesList} tabIndex={-1} data-testid="templates-screen" data-allowed="false">
        <Stack align="center" gap="xs">
          <Title order={4}>{t('templatesAdmin.title')}</Title>
          <Text c="dimmed" data-testid="templates-denied">{t('templatesAdmin.supervisorsOnly')}</Text>
        </Stack>
      </section>
    );
  }
  if (draft !== null) return <TemplateEditor draft={draft} commands={commands} />;

  const agencyName = (agencyId: string | null) => {
    if (agencyId === null) return t('templatesAdmin.national');
    const agency = reference?.agencies.find((a) => a.id === agencyId);
    return agency === undefined ? agencyId : language === 'ar' ? agency.nameAr : agency.nameEn;
  };
  const onFilterKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') commands.moveSelection(1, false);
    else if (event.key === 'ArrowUp') commands.moveSelection(-1, false);
    else if (event.key === 'Enter') commands.openSelected();
    else return;
    event.preventDefault();
  };

  return (
    <ScrollArea className="templates-screen" viewportProps={{ id: DOM_IDS.templatesList, tabIndex: -1 }} data-testid="templates-screen" data-allowed="true">
      <Stack gap="sm" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('templatesAdmin.title')}</Title>
          <Button size="xs" variant="light" onClick={() => commands.newTemplate()} data-testid="template-new">
            {t('templatesAdmin.new')} <Kbd size="xs" ms={6}>Shift+N</Kbd>
          </Button>
        </Group>
        <TextInput
          id={DOM_IDS.templatesFilter}
          value={filter}
          onChange={(e) => setTemplateFilter(e.currentTarget.value)}
          onKeyDown={onFilterKey}
          placeholder={t('templatesAdmin.filter')}
          aria-label={t('templatesAdmin.filter')}
          data-testid="templates-filter"
        />
        <Table highlightOnHover verticalSpacing={6} aria-label={t('templatesAdmin.title')} data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templatesAdmin.code')}</Table.Th>
              <Table.Th>{t('templatesAdmin.arabic')}</Table.Th>
              <Table.Th>{t('templatesAdmin.english')}</Table.Th>
              <Table.Th>{t('templatesAdmin.kinds')}</Table.Th>
              <Table.Th>{t('templatesAdmin.owner')}</Table.Th>
              <Table.Th className="num">{t('templatesAdmin.usage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pairs.map((pair) => (
              <Table.Tr
                key={pair.key}
                id={`template-row-${pair.key}`}
                className="board-row"
                aria-selected={pair === selected}
                data-testid="template-row"
                data-code={pair.code}
                data-editable={mayEditPair(staff, pair.agencyId)}
                onClick={() => useTemplateAdmin.setState({ selectedKey: pair.key })}
                onDoubleClick={() => commands.openSelected()}
              >
                <Table.Td dir="ltr" className="template-code">{pair.code}</Table.Td>
                <Table.Td dir="rtl" lang="ar">{pair.ar?.title ?? '—'}</Table.Td>
                <Table.Td dir="ltr" lang="en">{pair.en?.title ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {pair.kinds.map((kind) => <Badge key={kind} size="xs" variant="light">{t(`kind.${kind}`)}</Badge>)}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={pair.agencyId === null ? 'dimmed' : undefined}>{agencyName(pair.agencyId)}</Text>
                </Table.Td>
                <Table.Td className="num">{formatNumber(pair.usage, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {pairs.length === 0 && <Text size="sm" c="dimmed">{t('templatesAdmin.empty')}</Text>}
        <Text size="xs" c="dimmed">
          <Kbd size="xs">/</Kbd> {t('templatesAdmin.hintFilter')} · <Kbd size="xs">J</Kbd> / <Kbd size="xs">K</Kbd> {t('templatesAdmin.hintMove')} · <Kbd size="xs">Enter</Kbd> {t('templatesAdmin.hintOpen')} · <Kbd size="xs">Delete</Kbd> {t('templatesAdmin.hintArchive')} · <Kbd size="xs">Esc</Kbd> {t('templatesAdmin.hintBack')}
        </Text>
      </Stack>
    </ScrollArea>
  );
}
