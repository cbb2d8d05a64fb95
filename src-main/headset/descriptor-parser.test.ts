import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportDescriptor } from './descriptor-parser';
import { DescriptorError } from './hid-errors';
import { fixtureDir, hexBytes, loadFixture } from './test-support/fixtures';

const APP = '05 0b 09 05 a1 01'; // Telephony / Headset, Application collection
const END = 'c0';

function parseHex(hex: string) {
  return parseReportDescriptor(hexBytes(hex));
}

describe('descriptor parser: items and state', () => {
  it('restores global state on Pop (Report Size 4 pushed over 1, popped back)', () => {
    // a4 Push saves size 1/count 1; 75 04 95 02 changes it; b4 Pop restores; 81 02 is 1 bit.
    const d = parseHex(`${APP} 15 00 25 01 75 01 95 01 a4 75 04 95 02 b4 09 20 81 02 ${END}`);
    expect(d.fields).toHaveLength(1);
    expect(d.fields[0]).toMatchObject({ reportSize: 1, reportCount: 1, bitOffset: 0 });
  });

  it('skips long items, whose data can hold any byte', () => {
    // fe 02 10 81 02: long item, 2 data bytes that look like an Input item; not one.
    const d = parseHex(`${APP} fe 02 10 81 02 75 01 95 01 09 20 81 02 ${END}`);
    expect(d.fields).toHaveLength(1);
  });

  it('reads 4-byte usages as extended usages that keep their own page', () => {
    // Page 0x01 is current, but 0b 20 00 0b 00 names 0x000B:0x0020 (Hook Switch).
    const d = parseHex(`05 01 09 02 a1 01 0b 20 00 0b 00 75 01 95 01 81 02 ${END}`);
    expect(d.fields[0]?.usages).toEqual([{ min: 0x000b0020, max: 0x000b0020 }]);
  });

  it('keeps usage ranges, including extended ones', () => {
    const d = parseHex(
      `${APP} 19 b0 29 bb 25 0c 75 04 95 01 81 00 1b b0 00 0b 00 2b bb 00 0b 00 81 00 ${END}`,
    );
    expect(d.fields.map((f) => f.usages)).toEqual([
      [{ min: 0x000b00b0, max: 0x000b00bb }],
      [{ min: 0x000b00b0, max: 0x000b00bb }],
    ]);
    expect(d.fields.map((f) => f.variable)).toEqual([false, false]);
  });

  it('binds a usage to the page declared after it, as Linux does (`09 20 05 0b`)', () => {
    const d = parseHex(`05 01 09 02 a1 01 09 20 05 0b 75 01 95 01 81 02 ${END}`);
    expect(d.fields[0]?.usages).toEqual([{ min: 0x000b0020, max: 0x000b0020 }]);
  });

  it('keeps mixed pages in one list (`09 07 05 09 09 01`)', () => {
    const d = parseHex(`${APP} 09 07 05 09 09 01 75 01 95 02 81 02 ${END}`);
    expect(d.fields[0]?.usages).toEqual([
      { min: 0x000b0007, max: 0x000b0007 },
      { min: 0x00090001, max: 0x00090001 },
    ]);
  });

  it('counts bit offsets per report id and kind', () => {
    // rid 1: 3 bits input; rid 2: 8 bits input; back to rid 1: input continues at bit 3;
    // output rid 1 starts at 0.
    const d = parseHex(
      `${APP} 75 01 85 01 95 03 81 02 85 02 95 08 81 02 85 01 95 01 09 20 81 02 91 02 ${END}`,
    );
    expect(d.fields.map((f) => [f.kind, f.reportId, f.bitOffset])).toEqual([
      ['input', 1, 0],
      ['input', 2, 0],
      ['input', 1, 3],
      ['output', 1, 0],
    ]);
    expect(d.usesReportIds).toBe(true);
    expect(d.reportBits.get('input:1')).toBe(4);
  });

  it('reads logical extents as signed only when the minimum is negative', () => {
    const d = parseHex(
      `${APP} 75 08 95 01 15 00 25 ff 81 02 15 ff 25 7f 81 02 16 00 80 26 ff 7f 81 02 ${END}`,
    );
    expect(d.fields.map((f) => [f.logicalMin, f.logicalMax])).toEqual([
      [0, 255],
      [-1, 127],
      [-32768, 32767],
    ]);
  });

  it('keeps usages of Const items and flags them', () => {
    const d = parseHex(`${APP} 75 01 95 01 09 20 81 23 ${END}`);
    expect(d.fields[0]).toMatchObject({ constant: true, variable: true, relative: false });
    expect(d.fields[0]?.usages).toEqual([{ min: 0x000b0020, max: 0x000b0020 }]);
  });

  it('records nested collections with parent and depth', () => {
    const d = parseHex(`${APP} 09 06 a1 02 75 04 95 01 19 b0 29 bb 81 00 ${END} ${END}`);
    expect(d.collections).toEqual([
      { index: 0, type: 1, usage: 0x000b0005, parent: -1, depth: 0 },
      { index: 1, type: 2, usage: 0x000b0006, parent: 0, depth: 1 },
    ]);
    expect(d.fields[0]).toMatchObject({ collection: 1, topLevel: 0 });
  });
});

describe('descriptor parser: malformed input is rejected with a clear error', () => {
  const cases: [string, string, RegExp][] = [
    ['pop without push', `${APP} b4 ${END}`, /pop without push/],
    ['end collection without collection', `${APP} ${END} ${END}`, /end collection without/],
    ['unclosed collection', `${APP} 75 01`, /not closed/],
    ['short item past the end', `${APP} 75`, /runs past the end/],
    ['long item past the end', `${APP} fe 05 10 aa`, /long item runs past the end/],
    ['long item header cut', `${APP} fe 05`, /long item header truncated/],
    ['report id 0', `${APP} 85 00 ${END}`, /invalid report id 0/],
    ['reserved item type', `${APP} 0c ${END}`, /reserved item type/],
    ['usage maximum alone', `${APP} 29 05 ${END}`, /usage maximum without usage minimum/],
    ['inverted usage range', `${APP} 19 05 29 01 ${END}`, /minimum above usage maximum/],
    ['report size over 256 bits', `${APP} 76 01 01 ${END}`, /report size 257 bits is too large/],
    ['unknown global tag', `${APP} f4 ${END}`, /unknown global item tag 15/],
    ['report growing past 4096 bytes', `${APP} 75 08 96 00 10 81 02 81 02 ${END}`, /grows past/],
  ];
  it.each(cases)('%s', (_name, hex, message) => {
    expect(() => parseHex(hex)).toThrow(DescriptorError);
    expect(() => parseHex(hex)).toThrow(message);
  });

  it('rejects an empty descriptor and one over 4096 bytes', () => {
    expect(() => parseReportDescriptor(new Uint8Array(0))).toThrow(/empty/);
    expect(() => parseReportDescriptor(new Uint8Array(4097))).toThrow(/4097 bytes, more than/);
  });

  it('rejects push nesting past 16 and collection nesting past 32', () => {
    expect(() => parseHex(`${APP} ${'a4 '.repeat(17)}`)).toThrow(/push nested too deeply/);
    expect(() => parseHex('a1 02 '.repeat(33))).toThrow(/collections nested too deeply/);
  });

  it('never crashes on any truncation of a real descriptor', () => {
    for (const name of readdirSync(fixtureDir).filter((f) => f.endsWith('.hid'))) {
      const bytes = loadFixture(name).bytes;
      for (let length = 1; length < bytes.length; length++) {
        try {
          parseReportDescriptor(bytes.subarray(0, length));
        } catch (error) {
          expect(error).toBeInstanceOf(DescriptorError);
        }
      }
    }
  });

  it('never crashes on random bytes', () => {
    let seed = 12345; // fixed seed: the same bytes on every run
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let run = 0; run < 2000; run++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 64) }, next);
      try {
        parseReportDescriptor(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(DescriptorError);
      }
    }
  });
});
