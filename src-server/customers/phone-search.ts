/**
 * The value of customers.phone_digits: the digits of every E.164 number, each between
 * spaces (' 8613800138000 861065529988 '). A phone-suffix search is then
 * LIKE '%<digits> ', one pattern the trigram index serves for any number of phones.
 */
export function phoneDigitsColumn(phones: readonly string[]): string {
  if (phones.length === 0) return '';
  return ` ${phones.map((phone) => phone.replace(/\D/g, '')).join(' ')} `;
}

/** Escapes LIKE wildcards so that user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
