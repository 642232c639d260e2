// Sign-in: username, password, and the server address tucked under "Advanced".
import { Alert, Button, Center, Collapse, Paper, PasswordInput, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/errors';
import { LanguageToggle } from '../ui/LanguageToggle';
import { login, useSession } from '../state/session';

export function LoginScreen() {
  const { t } = useTranslation();
  const defaultServerUrl = useSession((s) => s.defaultServerUrl);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [advanced, setAdvanced] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password, serverUrl.trim() === '' ? undefined : serverUrl.trim());
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <Center h="100vh" className="login-backdrop">
      <Paper component="form" onSubmit={(e: FormEvent) => void submit(e)} w={380} p="xl" radius="md" withBorder shadow="sm">
        <Stack gap="md">
          <div>
            <Title order={3}>{t('login.title')}</Title>
            <Text size="sm" c="dimmed">{t('login.subtitle')}</Text>
          </div>
          {error !== null && (
            <Alert color="red" variant="light" data-testid="login-error" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            autoFocus
            required
            data-testid="login-username"
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            data-testid="login-password"
          />
          <UnstyledButton onClick={() => setAdvanced((v) => !v)} aria-expanded={advanced} className="link-button">
            <Text size="xs" c="dimmed">{advanced ? '▾' : '▸'} {t('login.advanced')}</Text>
          </UnstyledButton>
          <Collapse expanded={advanced}>
            <TextInput
              label={t('login.serverUrl')}
              description={t('login.serverUrlHint', { url: defaultServerUrl })}
              value={serverUrl}
              onChange={(e) => setServerUrl(e.currentTarget.value)}
              placeholder={defaultServerUrl}
              dir="ltr"
              data-testid="login-server"
            />
          </Collapse>
          <Button type="submit" loading={busy} data-testid="login-submit" fullWidth>
            {t('login.submit')}
          </Button>
          <LanguageToggle />
        </Stack>
      </Paper>
    </Center>
  );
}
