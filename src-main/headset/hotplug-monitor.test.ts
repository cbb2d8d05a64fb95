import { describe, expect, it } from 'vitest';
import { HotplugMonitor, type Scheduler } from './hotplug-monitor';
import type { HidDeviceInfo } from './transport';

class ManualScheduler implements Scheduler {
  intervals: { ms: number; callback: () => void }[] = [];
  cleared = 0;
  setInterval(callback: () => void, ms: number): unknown {
    this.intervals.push({ ms, callback });
    return this.intervals.length;
  }
  clearInterval(): void {
    this.cleared++;
  }
}

const dev = (path: string): HidDeviceInfo => ({ path, vendorId: 1, productId: 2, interface: 0 });

describe('hot-plug monitor', () => {
  it('clamps the poll interval between 250 ms and 10 s', () => {
    const s = new ManualScheduler();
    expect(new HotplugMonitor(() => Promise.resolve([]), s, 10).intervalMs).toBe(250);
    expect(new HotplugMonitor(() => Promise.resolve([]), s, 3_600_000).intervalMs).toBe(10_000);
    expect(new HotplugMonitor(() => Promise.resolve([]), s).intervalMs).toBe(2000);
  });

  it('reports devices added and removed between polls', async () => {
    let present: HidDeviceInfo[] = [dev('/dev/hidraw0'), dev('/dev/hidraw0')];
    const s = new ManualScheduler();
    const monitor = new HotplugMonitor(() => Promise.resolve(present), s, 1000);
    const log: string[] = [];
    monitor.on('added', (e) => log.push(`+${e.map((d) => d.path).join(',')}`));
    monitor.on('removed', (p) => log.push(`-${p.join(',')}`));

    await monitor.start();
    expect(s.intervals.map((i) => i.ms)).toEqual([1000]);
    present = [dev('/dev/hidraw0'), dev('/dev/hidraw1')];
    await monitor.poll();
    await monitor.poll(); // nothing changed
    present = [dev('/dev/hidraw1')];
    await monitor.poll();
    expect(log).toEqual(['+/dev/hidraw0,/dev/hidraw0', '+/dev/hidraw1', '-/dev/hidraw0']);
    monitor.stop();
    expect(s.cleared).toBe(1);
  });

  it('sees a different headset on a reused hidraw node as unplug + plug', async () => {
    let present: HidDeviceInfo[] = [dev('/dev/hidraw0')];
    const monitor = new HotplugMonitor(() => Promise.resolve(present), new ManualScheduler());
    const log: string[] = [];
    monitor.on('added', (e) => log.push(`+${e.map((d) => `${d.path}#${d.productId}`).join()}`));
    monitor.on('removed', (p) => log.push(`-${p.join()}`));
    await monitor.poll();
    present = [{ ...dev('/dev/hidraw0'), productId: 9 }];
    await monitor.poll();
    expect(log).toEqual(['+/dev/hidraw0#2', '-/dev/hidraw0', '+/dev/hidraw0#9']);
  });

  it('turns a failing enumeration into an error event and keeps going', async () => {
    let fail = true;
    const monitor = new HotplugMonitor(
      () => (fail ? Promise.reject(new Error('hid gone')) : Promise.resolve([dev('/dev/a')])),
      new ManualScheduler(),
    );
    const errors: string[] = [];
    const added: string[] = [];
    monitor.on('error', (e) => errors.push(e.message));
    monitor.on('added', (e) => added.push(...e.map((d) => d.path ?? '')));
    await monitor.poll();
    fail = false;
    await monitor.poll();
    expect(errors).toEqual(['hid gone']);
    expect(added).toEqual(['/dev/a']);
  });
});
