// The header: product name, search, language, who is signed in.
import { Group, Menu, Text, TextInput, UnstyledButton, Kbd } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from './commands';
import { describeError } from '../ui/errors';
import { notifications } from '@mantine/notifications';
import { runSearch } from '../state/search';
import { personName } from '../format/names';
import { currentLanguage } from '../i18n';
import { useInbox } from '../state/inbox';
import { logout, useSession } from '../state/session';
import { LanguageToggle } from '../ui/LanguageToggle';

const SEARCH_DEBOUNCE_MS = 120;

export function TopBar() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const query = useInbox((s) => s.query);

  useEffect(() => {
    const timer = setTimeout(() => {
      runSearch(query).catch((error: unknown) => notifications.show({ color: 'red', message: describeError(error) }));
    }, query === '' ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <Group component="header" className="top-bar" gap="md" px="md" wrap="nowrap">
      <Text fw={700} size="sm" className="brand">{t('app.name')}</Text>
      <TextInput
        id={DOM_IDS.search}
        className="search"
        size="xs"
        value={query}
        onChange={(e) => useInbox.setState({ query: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'ArrowDown') {
            e.preventDefault();
            document.getElementById(DOM_IDS.list)?.focus();
          }
        }}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        rightSection={<Kbd size="xs">/</Kbd>}
        data-testid="search"
      />
      <Group gap="xs" ms="auto" wrap="nowrap">
        <LanguageToggle />
        {staff !== null && (
          <Menu position="bottom-end">
            <Menu.Target>
              <UnstyledButton data-testid="user-menu" className="user-button">
                <Text size="sm">{personName(staff, currentLanguage())}</Text>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('app.signedInAs', { name: staff.username })}</Menu.Label>
              <Menu.Item onClick={() => void logout()} data-testid="logout">{t('app.logout')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Group>
  );
}
