import { describe, expect, it } from 'vitest';
import { normalizePhone, parsePhone, phoneQueryDigits } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['0086 138 0013 8000', '+8613800138000'],
    ['+86 (138) 0013-8000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['010-6552 9988', '+861065529988'],
    ['(010) 65529988', '+861065529988'],
    ['+86 10 6552 9988', '+861065529988'],
    ['021 5888 1234', '+862158881234'],
    ['0755-8888 1234', '+8675588881234'],
    ['+86 755 8888 1234', '+8675588881234'],
    ['400-810-8888', '+864008108888'],
    ['+1 650 253 0000', '+16502530000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', 'abc', '12345', '138001380001234', '6552 9988', '+86 000 1234', 'call 13800138000'])(
    'refuses %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it('uses the default region for national numbers', () => {
    expect(normalizePhone('(650) 253-0000', 'US')).toBe('+16502530000');
  });
});

describe('parsePhone', () => {
  it.each([
    ['010-6552 9988 转 123', '+861065529988', '123'],
    ['010-65529988分机8', '+861065529988', '8'],
    ['0755 8888 1234 ext. 4567', '+8675588881234', '4567'],
    ['021-58881234 x12', '+862158881234', '12'],
    ['021-58881234#12', '+862158881234', '12'],
    ['13800138000', '+8613800138000', null],
  ])('%s → %s ext %s', (input, e164, extension) => {
    expect(parsePhone(input)).toEqual({ e164, extension });
  });

  it('completes a bare local landline number with the configured area code', () => {
    expect(parsePhone('6552 9988')).toBeNull();
    expect(parsePhone('6552 9988', { defaultAreaCode: '10' })?.e164).toBe('+861065529988');
    // A mobile number is never taken for a local landline.
    expect(parsePhone('13800138000', { defaultAreaCode: '10' })?.e164).toBe('+8613800138000');
  });
});

describe('phoneQueryDigits', () => {
  it.each([
    ['8000', '8000'],
    ['+86 138-0013', '86138 0013'.replace(/\D/g, '')],
    ['(010) 6552', '0106552'],
  ])('%s → %s', (input, expected) => {
    expect(phoneQueryDigits(input)).toBe(expected);
  });

  it.each(['', 'zs', '张三', '138a'])('%j is not a phone query', (input) => {
    expect(phoneQueryDigits(input)).toBeNull();
  });
});
