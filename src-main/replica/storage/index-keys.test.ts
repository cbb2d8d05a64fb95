import { describe, expect, it } from 'vitest';
import { encodeIndexKey } from './index-keys';

// Code units from every class of the encoding and its edges, astral pairs included.
const UNITS = [
  0x0000, 0x0020, 0x007f, 0x0080, 0x00e4, 0x00ff, 0x0100, 0x3fff, 0x4000, 0x4e2d, 0xd83d, 0xde00,
  0xe000, 0xfffd, 0xffff,
];

function randomString(random: () => number): string {
  const length = Math.floor(random() * 6);
  let s = '';
  for (let i = 0; i < length; i++)
    s += String.fromCharCode(UNITS[Math.floor(random() * UNITS.length)]!);
  return s;
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('index key encoding', () => {
  it('orders keys by memcmp exactly as JS orders the strings', () => {
    const random = seeded(7);
    const strings = Array.from({ length: 3000 }, () => randomString(random));
    for (let i = 1; i < strings.length; i++) {
      const a = strings[i - 1]!;
      const b = strings[i]!;
      const js = a < b ? -1 : a > b ? 1 : 0;
      expect(
        Buffer.compare(encodeIndexKey(a), encodeIndexKey(b)),
        `${escape(a)} vs ${escape(b)}`,
      ).toBe(js);
    }
  });

  it('gives ASCII one byte per character', () => {
    expect(encodeIndexKey('ab  c')).toEqual(Buffer.from('ab  c', 'latin1'));
    expect(encodeIndexKey('中')).toEqual(Buffer.from([0xc0, 0x4e, 0x2d]));
    expect(encodeIndexKey('ä')).toEqual(Buffer.from([0x80, 0xe4]));
  });
});
