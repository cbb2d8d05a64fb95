import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/**
 * Lower-case pinyin initials of a Chinese name ('张三' → 'zs'), used for the search agents
 * type on a Latin keyboard. Surname readings are used for the first character, so that
 * '单' reads 'shan' and '曾' reads 'zeng'. Names without Chinese characters give ''.
 */
export function pinyinInitials(name: string): string {
  const text = name.normalize('NFKC').trim();
  if (!HAN.test(text)) return '';
  const initials = pinyin(text, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'removed',
  });
  return initials
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * The pinyin-initials search key of a query, or null when the query cannot be initials
 * (initials are Latin letters only).
 */
export function pinyinQueryKey(query: string): string | null {
  const key = query.normalize('NFKC').trim().toLowerCase();
  return /^[a-z]{1,32}$/.test(key) ? key : null;
}
