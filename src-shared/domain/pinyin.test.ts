import { describe, expect, it } from 'vitest';
import { pinyinInitials, pinyinQueryKey } from './pinyin';

describe('pinyinInitials', () => {
  it.each([
    ['张三', 'zs'],
    ['李小龙', 'lxl'],
    ['欧阳娜娜', 'oynn'],
    // Surname readings of polyphonic characters.
    ['单田芳', 'stf'],
    ['曾小贤', 'zxx'],
    ['  王 芳 ', 'wf'],
    ['王Amy', 'w'],
    ['John Smith', ''],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(pinyinInitials(name)).toBe(expected);
  });
});

describe('pinyinQueryKey', () => {
  it('lower-cases Latin letters', () => {
    expect(pinyinQueryKey(' ZS ')).toBe('zs');
  });
  it.each(['', 'z s', '张', '13', 'a-b'])('%j is no initials key', (q) => {
    expect(pinyinQueryKey(q)).toBeNull();
  });
});
