import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../src-shared/domain/locale';

type LanguageSwitchProps = { locale: Locale; onChange: (locale: Locale) => Promise<void> };

export function LanguageSwitch({ locale, onChange }: LanguageSwitchProps) {
  const { t } = useTranslation();
  return (
    <Select<Locale>
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={locale}
      style={{ width: 120 }}
      onChange={(next) => void onChange(next)}
      options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
    />
  );
}
