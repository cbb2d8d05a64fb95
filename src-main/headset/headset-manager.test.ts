import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HeadsetManager } from './headset-manager';
import type { PreferredDevice } from './preferred-device';
import type { HeadsetEvent } from './telephony-driver';
import type { HidDeviceInfo } from './transport';
import { FakeHidDevice } from './test-support/fake-hid-device';
import { loadFixture } from './test-support/fixtures';
import { ManualClock } from './test-support/manual-clock';

const FIXTURE_BY_PATH: Record<string, string> = {
  '/dev/hidraw2': 'poly-bt700.hid',
  '/dev/hidraw5': 'jabra-evolve-link-ms.hid',
  '/dev/hidraw7': 'logitech-h540.hid',
};

function info(path: string): HidDeviceInfo {
  const f = loadFixture(FIXTURE_BY_PATH[path] as string);
  return { path, vendorId: f.vendorId ?? 0, productId: f.productId ?? 0, interface: 0 };
}

class FakeMonitor extends EventEmitter<{ added: [HidDeviceInfo[]]; removed: [string[]] }> {
  constructor(private readonly initial: HidDeviceInfo[]) {
    super();
  }
  start(): Promise<void> {
    this.emit('added', this.initial);
    return Promise.resolve();
  }
  stop(): void {}
}

function setup(preferred?: PreferredDevice, openFails = false) {
  const monitor = new FakeMonitor(['/dev/hidraw5', '/dev/hidraw2', '/dev/hidraw7'].map(info));
  const opened: { path: string; device: FakeHidDevice }[] = [];
  const store = {
    value: preferred,
    load: () => store.value,
    save: (p?: PreferredDevice) => {
      store.value = p;
    },
  };
  const manager = new HeadsetManager({
    monitor,
    load: (d) =>
      Promise.resolve({
        bytes: loadFixture(FIXTURE_BY_PATH[d.path ?? ''] as string).bytes,
        origin: 'sysfs',
      }),
    open: (path) => {
      if (openFails) return Promise.reject(new Error('cannot open device'));
      const device = new FakeHidDevice();
      opened.push({ path, device });
      return Promise.resolve(device);
    },
    store,
    clock: new ManualClock(),
    platform: 'linux',
  });
  const events: HeadsetEvent['type'][] = [];
  const active: (string | undefined)[] = [];
  manager.on('event', (e) => events.push(e.type));
  manager.on('active', (c) => active.push(c?.path));
  return { manager, monitor, opened, store, events, active };
}

const RINGING = { ringing: true, offHook: false, muted: false, held: false };

describe('headset manager', () => {
  it('drives one of several headsets, follows the agent’s pick and unplugging', async () => {
    const t = setup();
    await t.manager.start();
    // Logitech H540 is not a telephony headset; of the two others the first by path wins.
    expect(
      t.manager
        .list()
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/dev/hidraw2', '/dev/hidraw5']);
    expect(t.active).toEqual(['/dev/hidraw2']);
    const poly = t.opened[0]?.device as FakeHidDevice;
    // Start writes every Poly LED report off (rids 33, 35, 36, 37), then the idle indication
    // changes nothing.
    expect(poly.takeWrites()).toEqual([
      [33, 0],
      [35, 0],
      [36, 0],
      [37, 0],
    ]);

    await t.manager.indicate(RINGING);
    expect(poly.takeWrites()).toEqual([[33, 1]]);
    poly.receive([0x20, 0x01]);
    expect(t.events).toEqual(['hook-off']);

    await t.manager.select('/dev/hidraw5');
    expect(t.store.value).toEqual({ vendorId: 0x0b0e, productId: 0x0307 });
    expect(poly.closed).toBe(true);
    const evolve = t.opened[1]?.device as FakeHidDevice;
    expect(t.opened[1]?.path).toBe('/dev/hidraw5');
    // Evolve mirror rid 4: all off, then the current call state: Ring b2 + Ringer b5 = 0x24.
    expect(evolve.takeWrites()).toEqual([
      [4, 0x00, 0x00],
      [4, 0x24, 0x00],
    ]);

    t.monitor.emit('removed', ['/dev/hidraw5']);
    await t.manager.indicate(RINGING);
    await t.manager.whenIdle();
    expect(t.active).toEqual(['/dev/hidraw2', '/dev/hidraw5', '/dev/hidraw2']);
    const polyAgain = t.opened[2]?.device as FakeHidDevice;
    expect(polyAgain.takeWrites()).toEqual([
      [33, 0],
      [35, 0],
      [36, 0],
      [37, 0],
      [33, 1],
    ]);

    t.monitor.emit('added', [info('/dev/hidraw5')]);
    await t.manager.whenIdle();
    expect(t.active.at(-1)).toBe('/dev/hidraw5');
    await t.manager.stop();
    expect(t.opened.every((o) => o.device.closed)).toBe(true);
    expect(t.active.at(-1)).toBeUndefined();
  });

  it('reports a headset it cannot open, with the udev hint', async () => {
    const t = setup(undefined, true);
    const errors: string[] = [];
    t.manager.on('error', (e) => errors.push(e.message));
    await t.manager.start();
    expect(errors).toEqual([
      'cannot open headset /dev/hidraw2: cannot open device' +
        ' (is resources/udev/60-switchboard-headsets.rules installed?)',
    ]);
    expect(t.active).toEqual([undefined]);
  });

  it('starts on the remembered headset', async () => {
    const t = setup({ vendorId: 0x0b0e, productId: 0x0307 });
    await t.manager.start();
    expect(t.active).toEqual(['/dev/hidraw5']);
  });
});
