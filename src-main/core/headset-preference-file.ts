import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PreferenceStore } from '../headset/preferred-device';

const PreferredDeviceSchema = z
  .object({
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
    serialNumber: z.string().max(256).optional(),
  })
  .nullable();

/**
 * The agent's chosen headset, remembered in the data folder. The headset module asks
 * synchronously and rarely (on plug, unplug and choice), so plain sync file calls are fine.
 */
export function headsetPreferenceFile(
  dataDir: string,
  warn: (message: string) => void,
): PreferenceStore {
  const file = path.join(dataDir, 'headset.json');
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return PreferredDeviceSchema.parse(JSON.parse(text)) ?? undefined;
      } catch {
        warn(`ignoring an unreadable headset preference in ${file}`);
        return undefined;
      }
    },
    save(preferred) {
      try {
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(`${file}.tmp`, JSON.stringify(preferred ?? null));
        renameSync(`${file}.tmp`, file);
      } catch (error) {
        warn(`could not remember the headset: ${String(error)}`);
      }
    },
  };
}
