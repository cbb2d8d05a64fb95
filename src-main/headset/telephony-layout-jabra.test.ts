import { describe, expect, it } from 'vitest';
import { layoutOf } from './test-support/layout-summary';

/**
 * Expected layouts are worked out by hand from the R: bytes of each fixture; the derivation is
 * written next to each. Notation: rid = report id; bits count from the first payload byte after
 * the report id; "75 01 95 n" = Report Size 1, Report Count n; 81/91 = Input/Output with the
 * flags byte after it (bit0 Const, bit1 Variable, bit2 Relative).
 */

const ALL_DIGITS = '0123456789*#';
/** Jabra's packed LED report: 05 08 09 17 09 09 09 18 09 20 09 21 75 01 95 05 91 22, then
 * 09 9e (Ringer) 95 01 91 22, then 95 0a 91 01 padding: 5 + 1 + 10 = 16 bits. */
const jabraPackedOutputs = (rid: number) => [
  `off-hook ${rid}:0/1`,
  `mute ${rid}:1/1`,
  `ring ${rid}:2/1`,
  `hold ${rid}:3/1`,
  `microphone ${rid}:4/1`,
  `ringer ${rid}:5/1`,
];

describe('telephony layout of Jabra and Yealink fixtures, derived by hand', () => {
  it('Jabra Link 380c', () => {
    // 05 0b 09 05 a1 01: Telephony/Headset application; 85 02: rid 2; 15 00 25 01.
    // 09 20 09 97 09 2a 75 01 95 03 81 23: Hook bit0, Line Busy bit1, Line bit2; 0x23 = Const
    //   Var Abs (Const-flagged yet carries usages).
    // 09 2f 09 21 09 24 09 50 95 04 81 07: Mute bit3, Flash bit4, Redial bit5, Speed Dial bit6;
    //   0x07 = Const Var Rel.
    // 09 06 a1 02 19 b0 29 bb 25 0c 75 04 95 01 81 40 c0: keypad array bits 7-10, 0..12, null.
    // 09 07 .. 81 02 bit 11; 95 04 81 01 bits 12-15: input rid 2 = 2 bytes.
    // Out: 09 17 09 1e 09 09 09 18 09 20 09 21 09 2a 95 07 91 22: Off-Hook 0, Speaker 1, Mute 2,
    //   Ring 3, Hold 4, Microphone 5, On-Line 6; 09 9e 91 22: Ringer 7; 95 08 91 01: 8-15.
    // Mirror (collection ff00:0001), 85 04, page ff30: 09 20 0a fb ff 09 97 09 2a 95 04 81 23:
    //   Hook 0, fffb 1, Line Busy 2, Line 3; 09 2f 09 21 09 24 0a fd ff 09 50 95 05 81 07: Mute 4,
    //   Flash 5, Redial 6, Reject(fffd) 7, Speed Dial 8; keypad 75 04 bits 9-12; 0a fc ff bit 13;
    //   95 02 81 01: 14-15 = 2 bytes. Page ff40 out: 09 17 0a fb ff 09 09 09 18 09 20 09 21 09 2a
    //   95 07 91 22: Off-Hook 0, fffb 1, Mute 2, Ring 3, Hold 4, Mic 5, On-Line 6; ff30:9e bit 7;
    //   95 08 91 01: 2 bytes.
    expect(layoutOf('jabra-link380c.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:0/1 abs const',
            'line-busy 2:1/1 abs const',
            'phone-mute 2:3/1 rel const',
            'flash 2:4/1 rel const',
            'redial 2:5/1 rel const',
          ],
          keypad: `2:7/4 0..12 null ${ALL_DIGITS}`,
          outputs: [
            'off-hook 2:0/1',
            'mute 2:2/1',
            'ring 2:3/1',
            'hold 2:4/1',
            'microphone 2:5/1',
            'ringer 2:7/1',
          ],
          inputReports: ['2:2'],
          outputReports: ['2:2'],
        },
        {
          source: 'vendor-mirror',
          collection: 'ff000001',
          inputs: [
            'hook-switch 4:0/1 abs const',
            'line-busy 4:2/1 abs const',
            'phone-mute 4:4/1 rel const',
            'flash 4:5/1 rel const',
            'redial 4:6/1 rel const',
            'reject 4:7/1 rel const',
          ],
          keypad: `4:9/4 0..12 null ${ALL_DIGITS}`,
          outputs: [
            'off-hook 4:0/1',
            'mute 4:2/1',
            'ring 4:3/1',
            'hold 4:4/1',
            'microphone 4:5/1',
            'ringer 4:7/1',
          ],
          inputReports: ['4:2'],
          outputReports: ['4:2'],
        },
      ],
    });
  });

  it('Jabra EVOLVE LINK MS', () => {
    // rid 2: 09 20 09 97 95 02 81 22: Hook 0, Line Busy 1 (abs); 09 2f 09 21 09 24 09 50 95 04
    //   81 06: Mute 2, Flash 3, Redial 4, Speed Dial 5 (rel); 09 07 .. 81 02: bit 6;
    //   keypad 19 b0 29 bb 25 0b 75 04 81 00: bits 7-10, 0..11, no null; 95 05 81 01: 11-15.
    // Out rid 2: packed LEDs 0-4, Ringer 5, pad 6-15.
    // Mirror 06 00 ff 09 05 a1 01 85 04: same with 0a fd ff between Redial and Speed Dial
    //   (95 05 81 06: Mute 2, Flash 3, Redial 4, Reject 5, Speed Dial 6), keypad 7-10 with
    //   25 0c and 81 00 (0..12, no null); out ff40 LEDs 0-4, ff30:9e bit 5.
    expect(layoutOf('jabra-evolve-link-ms.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:0/1 abs',
            'line-busy 2:1/1 abs',
            'phone-mute 2:2/1 rel',
            'flash 2:3/1 rel',
            'redial 2:4/1 rel',
          ],
          keypad: `2:7/4 0..11 ${ALL_DIGITS}`,
          outputs: jabraPackedOutputs(2),
          inputReports: ['2:2'],
          outputReports: ['2:2'],
        },
        {
          source: 'vendor-mirror',
          collection: 'ff000005',
          inputs: [
            'hook-switch 4:0/1 abs',
            'line-busy 4:1/1 abs',
            'phone-mute 4:2/1 rel',
            'flash 4:3/1 rel',
            'redial 4:4/1 rel',
            'reject 4:5/1 rel',
          ],
          keypad: `4:7/4 0..12 ${ALL_DIGITS}`,
          outputs: jabraPackedOutputs(4),
          inputReports: ['4:2'],
          outputReports: ['4:2'],
        },
      ],
    });
  });

  it('Jabra BIZ 2400 II', () => {
    // rid 2: Hook 0, Line Busy 1 (81 22); 09 2f 09 21 09 24 09 70 09 50 95 05 81 06: Mute 2,
    //   Flash 3, Redial 4, 0x70 5, Speed Dial 6; keypad 81 40 bits 7-10 (0..12, null); 09 07
    //   bit 11; pad 12-15. Out: packed LEDs 0-4, Ringer 5.
    // Mirror (ff00:0001) rid 4: Hook 0, Line Busy 1; 09 2f 09 21 09 24 0a fd ff 09 70 09 50
    //   95 06 81 06: Mute 2, Flash 3, Redial 4, Reject 5, 0x70 6, Speed Dial 7; keypad bits
    //   8-11; 0a fc ff bit 12; 95 03 81 01: 13-15.
    expect(layoutOf('jabra-biz2400-ii.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:0/1 abs',
            'line-busy 2:1/1 abs',
            'phone-mute 2:2/1 rel',
            'flash 2:3/1 rel',
            'redial 2:4/1 rel',
          ],
          keypad: `2:7/4 0..12 null ${ALL_DIGITS}`,
          outputs: jabraPackedOutputs(2),
          inputReports: ['2:2'],
          outputReports: ['2:2'],
        },
        {
          source: 'vendor-mirror',
          collection: 'ff000001',
          inputs: [
            'hook-switch 4:0/1 abs',
            'line-busy 4:1/1 abs',
            'phone-mute 4:2/1 rel',
            'flash 4:3/1 rel',
            'redial 4:4/1 rel',
            'reject 4:5/1 rel',
          ],
          keypad: `4:8/4 0..12 null ${ALL_DIGITS}`,
          outputs: jabraPackedOutputs(4),
          inputReports: ['4:2'],
          outputReports: ['4:2'],
        },
      ],
    });
  });

  it('Jabra SPEAK 810', () => {
    // rid 2: Hook 0, Line Busy 1 (81 22); 09 2f 09 21 95 02 81 06: Mute 2, Flash 3 (rel);
    //   09 07 bit 4; 95 0b 81 01: 5-15. No Redial, no keypad. Out: packed LEDs + Ringer.
    // Mirror rid 4: Hook 0, Line Busy 1; 09 2f 09 21 0a fd ff 95 03 81 06: Mute 2, Flash 3,
    //   Reject 4; 95 0b 81 01: 5-15.
    expect(layoutOf('jabra-speak810.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:0/1 abs',
            'line-busy 2:1/1 abs',
            'phone-mute 2:2/1 rel',
            'flash 2:3/1 rel',
          ],
          keypad: undefined,
          outputs: jabraPackedOutputs(2),
          inputReports: ['2:2'],
          outputReports: ['2:2'],
        },
        {
          source: 'vendor-mirror',
          collection: 'ff000001',
          inputs: [
            'hook-switch 4:0/1 abs',
            'line-busy 4:1/1 abs',
            'phone-mute 4:2/1 rel',
            'flash 4:3/1 rel',
            'reject 4:4/1 rel',
          ],
          keypad: undefined,
          outputs: jabraPackedOutputs(4),
          inputReports: ['4:2'],
          outputReports: ['4:2'],
        },
      ],
    });
  });

  it('Yealink WH66', () => {
    // rid 2 as the Jabra Evolve: Hook 0, Line Busy 1, Mute 2, Flash 3, Redial 4, Speed Dial 5,
    //   bit 6, keypad 7-10 (25 0b, 81 00), pad 11-15; out packed LEDs 0-4, Ringer 5, 16 bits.
    // Mirror 06 30 ff 09 05 a1 01 85 04: Hook 0, Line Busy 1 (81 22); 09 2f 09 21 09 24 09 50
    //   0a fd ff 95 05 81 06: Mute 2, Flash 3, Redial 4, Speed Dial 5, Reject 6; keypad 7-10;
    //   09 2a 0a fa ff 95 02 81 22: 11-12; 95 03 81 01: 13-15 = 2 bytes.
    //   Out ff40: 09 17 09 09 09 18 09 20 09 21 95 05 91 02: Off-Hook 0, Mute 1, Ring 2, Hold 3,
    //   Mic 4; 95 03 91 03: 5-7 → 1 byte, and no Ringer in the mirror.
    expect(layoutOf('yealink-wh66.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:0/1 abs',
            'line-busy 2:1/1 abs',
            'phone-mute 2:2/1 rel',
            'flash 2:3/1 rel',
            'redial 2:4/1 rel',
          ],
          keypad: `2:7/4 0..11 ${ALL_DIGITS}`,
          outputs: jabraPackedOutputs(2),
          inputReports: ['2:2'],
          outputReports: ['2:2'],
        },
        {
          source: 'vendor-mirror',
          collection: 'ff300005',
          inputs: [
            'hook-switch 4:0/1 abs',
            'line-busy 4:1/1 abs',
            'phone-mute 4:2/1 rel',
            'flash 4:3/1 rel',
            'redial 4:4/1 rel',
            'reject 4:6/1 rel',
          ],
          keypad: `4:7/4 0..11 ${ALL_DIGITS}`,
          outputs: ['off-hook 4:0/1', 'mute 4:1/1', 'ring 4:2/1', 'hold 4:3/1', 'microphone 4:4/1'],
          inputReports: ['4:2'],
          outputReports: ['4:1'],
        },
      ],
    });
  });
});
