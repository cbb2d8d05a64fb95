import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, LocaleSchema, type Locale } from '../../src-shared/domain/locale';

/** The UI's current locale, for formatting numbers, dates and names. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return LocaleSchema.safeParse(i18n.language).data ?? DEFAULT_LOCALE;
}
