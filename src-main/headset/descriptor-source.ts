import { readFile } from 'node:fs/promises';
import { knownDescriptor } from './known-descriptors';

export type DescriptorOrigin = 'sysfs' | 'node-hid' | 'table';

export interface LoadedDescriptor {
  bytes: Uint8Array;
  origin: DescriptorOrigin;
}

export interface DescriptorSourceDeps {
  readFile(path: string): Promise<Uint8Array>;
  /** node-hid's getReportDescriptor() on an open device, where the installed version has it. */
  getReportDescriptor?: ((path: string) => Promise<Uint8Array | undefined>) | undefined;
}

const HIDRAW_PATH = /^\/dev\/(hidraw\d+)$/;

/** /dev/hidrawN → the kernel's copy of that device's report descriptor. */
export function sysfsDescriptorPath(devicePath: string): string | undefined {
  const match = HIDRAW_PATH.exec(devicePath);
  return match ? `/sys/class/hidraw/${match[1]}/device/report_descriptor` : undefined;
}

/**
 * The report descriptor of one enumerated device: Linux sysfs first (exact, no open needed),
 * then node-hid when it exposes the descriptor, then our table of known models by VID:PID.
 */
export async function loadDescriptor(
  device: { path?: string | undefined; vendorId: number; productId: number },
  deps: DescriptorSourceDeps = { readFile: (p) => readFile(p) },
): Promise<LoadedDescriptor | undefined> {
  const sysfs = device.path === undefined ? undefined : sysfsDescriptorPath(device.path);
  if (sysfs !== undefined) {
    try {
      return { bytes: await deps.readFile(sysfs), origin: 'sysfs' };
    } catch {
      // Gone between enumeration and now, or sysfs unreadable: try the other sources.
    }
  }
  if (deps.getReportDescriptor !== undefined && device.path !== undefined) {
    try {
      const bytes = await deps.getReportDescriptor(device.path);
      if (bytes !== undefined && bytes.length > 0) return { bytes, origin: 'node-hid' };
    } catch {
      // Not supported by this backend; fall through to the table.
    }
  }
  const known = knownDescriptor(device.vendorId, device.productId);
  return known === undefined ? undefined : { bytes: known, origin: 'table' };
}
