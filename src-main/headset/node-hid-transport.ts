import { HIDAsync, devicesAsync, setDriverType } from 'node-hid';
import type { HidDeviceInfo, HidDeviceLike } from './transport';

/**
 * The production side of the transport boundary; the only file that imports node-hid.
 * Linux: the hidraw backend, never libusb, which would detach the kernel's HID driver and take
 * the headset's volume keys from the desktop. macOS: open non-exclusive so Teams or the OS can
 * keep their own handle on the same headset.
 */
export function useHidrawOnLinux(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'linux') setDriverType('hidraw');
}

export async function enumerateHid(): Promise<HidDeviceInfo[]> {
  useHidrawOnLinux();
  return devicesAsync();
}

function openOptions(): { nonExclusive?: boolean } {
  return process.platform === 'darwin' ? { nonExclusive: true } : {};
}

export async function openHid(path: string): Promise<HidDeviceLike> {
  useHidrawOnLinux();
  const device: HidDeviceLike = await HIDAsync.open(path, openOptions());
  return device;
}

/**
 * node-hid's getReportDescriptor(), present in newer node-hid releases only (3.4.0 lacks it);
 * looked up at run time so upgrading node-hid turns it on without a code change.
 */
export async function readDescriptorViaNodeHid(path: string): Promise<Uint8Array | undefined> {
  useHidrawOnLinux();
  const device = (await HIDAsync.open(path, openOptions())) as unknown as {
    getReportDescriptor?: () => Promise<Buffer | number[]>;
    close(): Promise<void>;
  };
  try {
    if (typeof device.getReportDescriptor !== 'function') return undefined;
    return Uint8Array.from(await device.getReportDescriptor());
  } finally {
    await device.close();
  }
}
