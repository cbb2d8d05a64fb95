import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPhone } from './format';

describe('formatPhone', () => {
  it('shows Chinese numbers in national format in the Chinese UI', () => {
    expect(formatPhone('+8619951828603', 'zh-CN')).toBe('199 5182 8603');
    expect(formatPhone('+862066633648', 'zh-CN')).toBe('020 6663 3648');
  });

  it('shows international format in the English UI and for foreign numbers', () => {
    expect(formatPhone('+8619951828603', 'en')).toBe('+86 199 5182 8603');
    expect(formatPhone('+442071838750', 'zh-CN')).toBe('+44 20 7183 8750');
  });

  it('reads national caller ids as Chinese numbers', () => {
    expect(formatPhone('18005158027', 'zh-CN')).toBe('180 0515 8027');
    expect(formatPhone('18005158027', 'en')).toBe('+86 180 0515 8027');
  });

  it('keeps text it cannot parse', () => {
    expect(formatPhone('not a number', 'en')).toBe('not a number');
  });
});

describe('formatDateTime', () => {
  it('formats per locale and keeps invalid input', () => {
    const iso = '2026-11-24T08:05:00Z';
    expect(formatDateTime(iso, 'zh-CN')).not.toBe(formatDateTime(iso, 'en'));
    expect(formatDateTime(iso, 'en')).toMatch(/2026/);
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});
