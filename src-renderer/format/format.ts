import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Locale } from '../../src-shared/domain/locale';

/**
 * Phone numbers as people read them: national format for Chinese numbers in the Chinese UI
 * (e.g. "199 5182 8603", "020 6663 3648"), international elsewhere. Falls back to the stored
 * E.164 text when it cannot be parsed.
 */
export function formatPhone(e164: string, locale: Locale): string {
  // Caller ids often arrive in national form (13812345678); read those as Chinese numbers.
  const phone = parsePhoneNumberFromString(e164, 'CN');
  if (!phone?.isValid()) return e164;
  return locale === 'zh-CN' && phone.country === 'CN'
    ? phone.formatNational()
    : phone.formatInternational();
}

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Dates and times in the user's locale ("2026/11/24 08:05" or "Nov 24, 2026, 8:05 AM"). */
export function formatDateTime(iso: string, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
