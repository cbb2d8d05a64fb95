import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface ParsedPhone {
  /** The number in E.164, e.g. '+8613800138000'. */
  e164: string;
  /** Digits of an extension ('转123', 'ext. 123', 'x123', '#123'), or null. */
  extension: string | null;
}

export interface ParsePhoneOptions {
  /** Region assumed for numbers written without a country code. */
  defaultRegion?: CountryCode;
  /**
   * Area code (without the trunk 0) assumed for a bare local landline number such as
   * '6552 9988'; without it such a number is ambiguous and refused.
   */
  defaultAreaCode?: string;
}

// Agents paste numbers from e-mails, CRM exports and caller-ID strings: extensions come
// in Chinese ('转', '分机') as well as the usual Latin notations.
const EXTENSION = /\s*(?:转|分机|ext\.?|extension|x|#|,|;)\s*(\d{1,8})\s*$/i;
const INTERNATIONAL_PREFIX = /^00(?=[1-9])/;

/**
 * Parses a phone number as typed by a person or delivered by a switch.
 * Returns null for anything that is not a valid, dialable number.
 */
export function parsePhone(input: string, options: ParsePhoneOptions = {}): ParsedPhone | null {
  const region = options.defaultRegion ?? 'CN';
  // NFKC folds full-width digits and '＋' typed with a Chinese input method.
  let text = input.normalize('NFKC').trim();
  if (text.length === 0 || text.length > 64) return null;

  let extension: string | null = null;
  const ext = EXTENSION.exec(text);
  if (ext && ext[1]) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  }

  const compact = text.replace(/[\s\-().\u00a0]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;

  let candidate = compact.replace(INTERNATIONAL_PREFIX, '+');
  // In China a national number starts with 1 (mobile) or the trunk 0 (landline with area
  // code), or is a 400/800 service number; anything else is a local landline number that
  // only makes sense together with an area code.
  if (region === 'CN' && !candidate.startsWith('+') && !/^(?:[01]|[48]00\d{7}$)/.test(candidate)) {
    if (!options.defaultAreaCode || !/^[2-9]\d{6,7}$/.test(candidate)) return null;
    candidate = `0${options.defaultAreaCode}${candidate}`;
  }

  const parsed = parsePhoneNumberFromString(candidate, region);
  if (!parsed || !parsed.isValid()) return null;
  if (!extension && parsed.ext) extension = parsed.ext;
  return { e164: parsed.number, extension };
}

/** The E.164 form of a phone number, or null when it is not a valid number. */
export function normalizePhone(input: string, defaultRegion: CountryCode = 'CN'): string | null {
  return parsePhone(input, { defaultRegion })?.e164 ?? null;
}

/**
 * The digits of a search query when it looks like (part of) a phone number: digits with
 * optional '+', spaces, dashes, dots or parentheses. Null for anything else.
 */
export function phoneQueryDigits(query: string): string | null {
  const text = query.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-().]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length > 0 ? digits : null;
}
