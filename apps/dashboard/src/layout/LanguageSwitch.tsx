import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One click to the other language; the choice is kept (localStorage) and sets <html lang>. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'lv' : 'en';
  return (
    <Button
      variant="default"
      size="xs"
      lang={other}
      aria-label={t('language.switchToLabel')}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('language.switchTo')}
    </Button>
  );
}
