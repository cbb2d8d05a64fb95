import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReportDescriptor } from '../descriptor-parser';
import { parseHidRecorderText, type DescriptorFile } from '../descriptor-text';
import { deriveTelephonyLayout, type TelephonyLayout } from '../telephony-layout';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
/** CI puts shared/ beside the clone. */
export const fixtureDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'headsets');

export function loadFixture(name: string): DescriptorFile {
  return parseHidRecorderText(readFileSync(path.join(fixtureDir, name), 'utf8'));
}

export function fixtureLayout(name: string): TelephonyLayout {
  const layout = deriveTelephonyLayout(parseReportDescriptor(loadFixture(name).bytes));
  if (layout === undefined) throw new Error(`${name} has no telephony layout`);
  return layout;
}

/** Bytes from a hex string with spaces, as descriptors are written in the HID spec. */
export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.trim().split(/\s+/), (h) => Number.parseInt(h, 16));
}
