import { describe, expect, it } from 'vitest';
import { layoutOf } from './test-support/layout-summary';

/**
 * Expected layouts are worked out by hand from the R: bytes of each fixture; the derivation is
 * written next to each. Notation: rid = report id; bits count from the first payload byte after
 * the report id; "75 01 95 n" = Report Size 1, Report Count n; 81/91 = Input/Output with the
 * flags byte after it (bit0 Const, bit1 Variable, bit2 Relative).
 */

describe('telephony layout of each fixture, derived by hand', () => {
  it('Plantronics Blackwire 3220: input rid 8, one output report per LED', () => {
    // 05 0b 09 05 a1 01 85 08 15 00 25 01: 09 2f 75 01 95 01 81 06: Mute bit0 rel;
    //   09 20 09 21 95 02 81 22: Hook 1, Flash 2, both abs; 95 05 81 01: 3-7 → 1 byte.
    // 05 08 85 09 09 09 95 01 91 22 95 07 91 01: rid 9 = Mute LED bit 0, 1 byte; likewise
    //   rid 0x17 Off-Hook, 0x18 Ring, 0x1e Speaker (not ours), 0x20 Hold, 0x2a On-Line (not ours).
    expect(layoutOf('plantronics-blackwire3220.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: ['phone-mute 8:0/1 rel', 'hook-switch 8:1/1 abs', 'flash 8:2/1 abs'],
          keypad: undefined,
          outputs: ['mute 9:0/1', 'off-hook 23:0/1', 'ring 24:0/1', 'hold 32:0/1'],
          inputReports: ['8:1'],
          outputReports: ['9:1', '23:1', '24:1', '32:1'],
        },
      ],
    });
  });

  it('Plantronics Blackwire C5220', () => {
    // Globals carried over from the 0xFF99 collection: 25 01 75 01. 85 08: 09 2f 95 01 81 06:
    //   Mute 0 rel; 09 20 81 22: Hook 1 abs; 09 21 81 02: Flash 2 abs; 09 24 81 06: Redial 3
    //   rel; 09 07 05 09 09 01 81 02: bit 4; 95 03 81 01: 5-7.
    // Out as the 3220: rid 9 Mute, 0x17 Off-Hook, 0x18 Ring, 0x1a Speaker, 0x20 Hold, 0x2a.
    expect(layoutOf('plantronics-blackwire-c5220.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'phone-mute 8:0/1 rel',
            'hook-switch 8:1/1 abs',
            'flash 8:2/1 abs',
            'redial 8:3/1 rel',
          ],
          keypad: undefined,
          outputs: ['mute 9:0/1', 'off-hook 23:0/1', 'ring 24:0/1', 'hold 32:0/1'],
          inputReports: ['8:1'],
          outputReports: ['9:1', '23:1', '24:1', '32:1'],
        },
      ],
    });
  });

  it('Poly BT700: telephony is the 5th top-level collection', () => {
    // 05 0b 09 05 a1 01 85 20 15 00 25 01 75 01 95 01: 09 20 81 22 Hook 0 abs; 09 2f 81 06
    //   Mute 1 rel; 09 21 81 02 Flash 2 abs (held state); 09 24 81 06 Redial 3 rel; 09 07 ..
    //   81 06 bit 4; 75 03 81 01: 5-7 → 1 byte.
    // Out, one report per LED, 75 01 91 22 + 75 07 91 01 each: rid 0x21 Ring, 0x22 Speaker,
    //   0x23 Mute, 0x24 Off-Hook, 0x25 Hold.
    expect(layoutOf('poly-bt700.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 32:0/1 abs',
            'phone-mute 32:1/1 rel',
            'flash 32:2/1 abs',
            'redial 32:3/1 rel',
          ],
          keypad: undefined,
          outputs: ['ring 33:0/1', 'mute 35:0/1', 'off-hook 36:0/1', 'hold 37:0/1'],
          inputReports: ['32:1'],
          outputReports: ['33:1', '35:1', '36:1', '37:1'],
        },
      ],
    });
  });

  it('EPOS IMPACT DW: consumer volume inside the telephony report, Ringer in rid 3', () => {
    // 85 02 75 01 15 00 25 01: 05 0c 09 ea 09 e9 95 02 81 02: Vol- 0, Vol+ 1 (consumer);
    //   05 0b 09 20 95 01 81 22: Hook 2 abs; 09 21 09 24 09 2f 09 26 95 04 81 06: Flash 3,
    //   Redial 4, Mute 5, Drop 6 (rel); 09 07 05 09 09 01 81 40: bit 7 (array) → 1 byte.
    // 85 03: 05 0b 09 9e 91 22: Ringer 0; 05 08 09 17 09 21 09 18 09 09 09 2a 09 20 95 06 91 22:
    //   Off-Hook 1, Microphone 2, Ring 3, Mute 4, On-Line 5, Hold 6; 95 01 91 01: 7 → 1 byte.
    // Its vendor copy (ff13/ff95 in rid 4/5) is not on the Jabra/Yealink pages: not used.
    expect(layoutOf('epos-impact-dw.hid')).toEqual({
      usesReportIds: true,
      interfaces: [
        {
          source: 'standard',
          collection: 'b0005',
          inputs: [
            'hook-switch 2:2/1 abs',
            'flash 2:3/1 rel',
            'redial 2:4/1 rel',
            'phone-mute 2:5/1 rel',
            'drop 2:6/1 rel',
          ],
          keypad: undefined,
          outputs: [
            'ringer 3:0/1',
            'off-hook 3:1/1',
            'microphone 3:2/1',
            'ring 3:3/1',
            'mute 3:4/1',
            'hold 3:6/1',
          ],
          inputReports: ['2:1'],
          outputReports: ['3:1'],
        },
      ],
    });
  });

  it.each(['logitech-h540.hid', 'logitech-g535.hid'])(
    '%s has no Telephony page and is ignored',
    (name) => {
      expect(layoutOf(name)).toBeUndefined();
    },
  );
});
