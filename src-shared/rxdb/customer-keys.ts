import {
  CUSTOMER_PHONE_SLOTS,
  NAME_KEY_LENGTH,
  PINYIN_KEY_LENGTH,
  type CustomerDoc,
} from './customers';
import { pinyinInitials } from '../domain/pinyin';

export type PhoneSlot = 'phoneRev0' | 'phoneRev1' | 'phoneRev2' | 'phoneRev3';
export const PHONE_SLOTS: readonly PhoneSlot[] = [
  'phoneRev0',
  'phoneRev1',
  'phoneRev2',
  'phoneRev3',
];
if (PHONE_SLOTS.length !== CUSTOMER_PHONE_SLOTS)
  throw new Error('replica: phone slots out of sync');

/**
 * Digits reversed: a number's suffix becomes a key prefix, so "ends with 8000" is a range
 * scan on the index ('0008' .. '0008\uffff') rather than a full scan.
 */
export function reversedDigits(text: string): string {
  return text.replace(/\D/g, '').split('').reverse().join('');
}

/** Name as searched: width-folded (NFKC), trimmed, lower-cased. */
export function nameSearchKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

type DerivedKeys = Pick<CustomerDoc, 'nameKey' | 'pinyinKey' | PhoneSlot>;

/** The search keys derived from a customer's name and phones. */
export function deriveCustomerKeys(doc: Pick<CustomerDoc, 'name' | 'phones'>): DerivedKeys {
  const keys: DerivedKeys = {
    nameKey: nameSearchKey(doc.name).slice(0, NAME_KEY_LENGTH),
    pinyinKey: pinyinInitials(doc.name).slice(0, PINYIN_KEY_LENGTH),
    phoneRev0: '',
    phoneRev1: '',
    phoneRev2: '',
    phoneRev3: '',
  };
  PHONE_SLOTS.forEach((slot, i) => {
    const phone = doc.phones[i];
    keys[slot] = phone ? reversedDigits(phone) : '';
  });
  return keys;
}

/** Writes the derived keys into a document about to be stored (RxDB pre-hooks). */
export function fillCustomerKeys(doc: CustomerDoc): void {
  Object.assign(doc, deriveCustomerKeys(doc));
}
