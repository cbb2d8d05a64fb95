import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as Record<string, unknown>).flatMap(leaves);
}

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('no string is empty and interpolations match across languages', () => {
    const placeholders = (text: string) => (text.match(/{{\w+}}/g) ?? []).sort().join(',');
    const enLeaves = keys(en);
    for (const key of enLeaves) {
      const path = key.split('.');
      const pick = (root: unknown) =>
        path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root);
      const english = pick(en) as string;
      const chinese = pick(zhCN) as string;
      expect(english.trim(), key).not.toBe('');
      expect(chinese.trim(), key).not.toBe('');
      expect(placeholders(chinese), key).toBe(placeholders(english));
    }
  });

  it('the Chinese resources are actually Chinese', () => {
    const chinese = leaves(zhCN).filter((text) => /[\u4e00-\u9fff]/.test(text));
    // Language names and the product name may stay Latin; everything a user reads must not.
    expect(chinese.length).toBeGreaterThan(leaves(zhCN).length - 4);
  });
});
