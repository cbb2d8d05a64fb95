import type { Locale } from '../../src-shared/domain/locale';

const formats = new Map<Locale, Intl.NumberFormat>();

/** A CNY amount as the locale writes it ("¥199.00" in Chinese, "CN¥199.00" in English). */
export function formatCny(amount: number, locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
    formats.set(locale, format);
  }
  return format.format(amount);
}
