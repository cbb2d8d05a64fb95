import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headsetPreferenceFile } from './headset-preference-file';

describe('headsetPreferenceFile', () => {
  it('remembers the chosen headset across instances', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-headset-pref-'));
    headsetPreferenceFile(dir, () => undefined).save({ vendorId: 0x0b0e, productId: 0x0307 });
    expect(headsetPreferenceFile(dir, () => undefined).load()).toEqual({
      vendorId: 0x0b0e,
      productId: 0x0307,
    });
  });

  it.each([
    ['garbage', 'not json'],
    ['a wrong shape', '{"vendorId":"jabra"}'],
    ['an out-of-range id', '{"vendorId":70000,"productId":1}'],
  ])('ignores %s with a warning', (_label, content) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-headset-pref-'));
    writeFileSync(path.join(dir, 'headset.json'), content);
    const warnings: string[] = [];
    expect(headsetPreferenceFile(dir, (m) => warnings.push(m)).load()).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('has no preference before one is chosen', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-headset-pref-'));
    expect(headsetPreferenceFile(dir, () => undefined).load()).toBeUndefined();
  });
});
