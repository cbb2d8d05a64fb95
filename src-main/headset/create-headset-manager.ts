import { readFile } from 'node:fs/promises';
import { loadDescriptor } from './descriptor-source';
import { HeadsetManager } from './headset-manager';
import { HotplugMonitor } from './hotplug-monitor';
import { enumerateHid, openHid, readDescriptorViaNodeHid } from './node-hid-transport';
import type { PreferenceStore } from './preferred-device';
import type { InterfaceSource } from './telephony-layout';

export interface CreateHeadsetManagerOptions {
  store: PreferenceStore;
  /** Hot-plug poll interval, clamped to 250 ms..10 s. */
  pollMs?: number;
  prefer?: InterfaceSource;
}

/**
 * The production wiring: node-hid, real timers, the wall clock, sysfs. Everything it plugs
 * together is tested with doubles; this file only chooses the real implementations.
 */
export function createHeadsetManager(options: CreateHeadsetManagerOptions): HeadsetManager {
  const monitor = new HotplugMonitor(
    enumerateHid,
    {
      setInterval: (callback, ms) => setInterval(callback, ms).unref(),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    },
    options.pollMs,
  );
  return new HeadsetManager({
    monitor,
    load: (device) =>
      loadDescriptor(device, {
        readFile: async (path) => new Uint8Array(await readFile(path)),
        // Opening a device to ask is only worth it where sysfs is missing.
        getReportDescriptor: process.platform === 'linux' ? undefined : readDescriptorViaNodeHid,
      }),
    open: openHid,
    store: options.store,
    clock: { now: () => Date.now() },
    ...(options.prefer === undefined ? {} : { prefer: options.prefer }),
  });
}
