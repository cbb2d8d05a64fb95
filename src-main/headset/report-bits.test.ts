import { describe, expect, it } from 'vitest';
import { readBits, writeBits } from './report-bits';

describe('report bits', () => {
  it('reads and writes fields that cross a byte boundary, LSB first', () => {
    const payload = new Uint8Array(2);
    writeBits(payload, 7, 4, 0b1011); // bit 7 of byte 0 = 1; bits 0-2 of byte 1 = 0b101
    expect([...payload]).toEqual([0x80, 0x05]);
    expect(readBits(payload, 7, 4)).toBe(0b1011);
  });

  it('leaves the other bits alone and handles 16-bit and negative values', () => {
    const payload = Uint8Array.from([0xff, 0x00, 0x00]);
    writeBits(payload, 8, 16, 0xbeef);
    expect([...payload]).toEqual([0xff, 0xef, 0xbe]);
    writeBits(payload, 0, 4, 0);
    expect(payload[0]).toBe(0xf0);
    writeBits(payload, 8, 8, -2); // two's complement in 8 bits
    expect(payload[1]).toBe(0xfe);
    expect(readBits(payload, 8, 16)).toBe(0xbefe);
  });
});
