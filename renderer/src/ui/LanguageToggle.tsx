import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toggleLanguage } from '../i18n';

/** Shows the other language's name in that language: the way back is readable to everyone. */
export function LanguageToggle() {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      onClick={() => void toggleLanguage()}
      aria-label={t('app.languageToggle')}
      title={t('app.languageToggle')}
      data-testid="language-toggle"
    >
      {t('app.language')}
    </Button>
  );
}
