import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseReportDescriptor } from './descriptor-parser';
import { HeadsetSession } from './headset-session';
import { TelephonyDriver } from './telephony-driver';
import { deriveTelephonyLayout } from './telephony-layout';
import { FakeHidDevice, inputReport } from './test-support/fake-hid-device';
import { hexBytes } from './test-support/fixtures';
import { ManualClock } from './test-support/manual-clock';
import { openFixtureSession } from './test-support/session-harness';

const IDLE = { ringing: false, offHook: false, muted: false, held: false };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('echo of our own Off-Hook writes', () => {
  it('ignores the matching hook report until 500 ms after the write, not after', async () => {
    const a = openFixtureSession('jabra-evolve-link-ms.hid');
    a.clock.set(10_000);
    await a.session.indicate({ ...IDLE, offHook: true }); // answered from the UI
    a.clock.set(10_499);
    a.device.receive(inputReport(a.iface, { 'hook-switch': 1 }));
    await a.session.flush();
    expect(a.takeEvents()).toEqual([]);

    const b = openFixtureSession('jabra-evolve-link-ms.hid');
    b.clock.set(10_000);
    await b.session.indicate({ ...IDLE, offHook: true });
    b.clock.set(10_500);
    b.device.receive(inputReport(b.iface, { 'hook-switch': 1 }));
    await b.session.flush();
    expect(b.takeEvents()).toEqual(['hook-off']);
  });

  it('treats the opposite hook state inside the window as the agent pressing', async () => {
    const h = openFixtureSession('jabra-evolve-link-ms.hid');
    h.clock.set(1000);
    await h.session.indicate({ ...IDLE, offHook: true });
    h.device.receive(inputReport(h.iface, { 'hook-switch': 1 }));
    h.clock.set(1100);
    h.device.receive(inputReport(h.iface, {}));
    await h.session.flush();
    expect(h.takeEvents()).toEqual(['hook-on']);
  });
});

describe('input edges', () => {
  it('acts on the rising edge of Flash held as a state (Poly)', async () => {
    const h = openFixtureSession('poly-bt700.hid');
    for (const flash of [1, 1, 1, 0, 1, 0]) {
      h.device.receive(inputReport(h.iface, { flash }));
    }
    await h.session.flush();
    expect(h.takeEvents()).toEqual(['flash', 'flash']);
  });

  it('reads a Const-flagged Hook Switch (Jabra Link 380c, standard page)', async () => {
    const h = openFixtureSession('jabra-link380c.hid', 'standard');
    expect(h.iface.source).toBe('standard');
    await h.session.start();
    h.device.takeWrites();
    h.clock.set(1000);
    h.device.receive([2, 0x01, 0x00]); // hook bit 0 of rid 2
    await h.session.flush();
    expect(h.takeEvents()).toEqual(['hook-off']);
    expect(h.device.takeWrites()).toEqual([[2, 0x01, 0x00]]);
  });

  it('toggles the hook on each press of a relative Hook Switch', async () => {
    // Telephony app. collection, rid 1: 09 20 81 06 = Hook Switch, Data Var Rel at bit 0;
    // Off-Hook LED in output rid 1 bit 0.
    const bytes = hexBytes(
      '05 0b 09 05 a1 01 85 01 15 00 25 01 75 01 95 01 09 20 81 06 95 07 81 01' +
        ' 05 08 09 17 95 01 91 22 95 07 91 01 c0',
    );
    const layout = deriveTelephonyLayout(parseReportDescriptor(bytes));
    const iface = layout?.interfaces[0];
    if (layout === undefined || iface === undefined) throw new Error('no layout');
    expect(iface.inputs[0]?.absolute).toBe(false);
    const clock = new ManualClock(5000);
    const driver = new TelephonyDriver(iface, true, clock);
    const events = [
      [1, 1],
      [1, 0],
      [1, 1],
      [1, 0],
    ].flatMap((r) => driver.handleInput(Uint8Array.from(r)).events);
    expect(events).toEqual([{ type: 'hook-off' }, { type: 'hook-on' }]);
  });

  it('reports keypad digits against the idle value of a keypad without Null State', async () => {
    // Evolve standard rid 2, keypad bits 7-10: value v → byte0 bit7 = v&1, byte1 = v>>1.
    const h = openFixtureSession('jabra-evolve-link-ms.hid', 'standard');
    const seq = [0, 5, 5, 0, 11, 0];
    const built = seq.map((keypad) => inputReport(h.iface, { keypad }));
    expect(built[1]).toEqual([2, 0x80, 0x02]);
    expect(built[4]).toEqual([2, 0x80, 0x05]);
    for (const r of built) h.device.receive(r);
    await h.session.flush();
    expect(h.takeEvents()).toEqual(['digit 5', 'digit #']);
  });

  it('ignores reports of the device’s other collections', async () => {
    const h = openFixtureSession('jabra-evolve-link-ms.hid');
    h.device.receive([1, 0x01, 0x00]); // consumer Volume Up in rid 1
    h.device.receive([2, 0x01, 0x00]); // standard page while we drive the mirror
    await h.session.flush();
    expect(h.takeEvents()).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

describe('bad reports and failing devices', () => {
  it('rejects truncated, empty and oversized reports with errors and keeps working', async () => {
    const h = openFixtureSession('jabra-evolve-link-ms.hid');
    h.device.receive([4, 0x01]);
    h.device.receive([]);
    h.device.receive(new Array<number>(4098).fill(4));
    await h.session.flush();
    expect(h.errors.map((e) => e.message)).toEqual([
      'input report 4 has 1 payload bytes, expected 2',
      'empty input report',
      'input report of 4098 bytes is oversized',
    ]);
    expect(h.takeEvents()).toEqual([]);
    h.clock.set(1000);
    h.device.receive([4, 0x01, 0x00]);
    await h.session.flush();
    expect(h.takeEvents()).toEqual(['hook-off']);
  });

  it('turns a failed write into an error event', async () => {
    const h = openFixtureSession('poly-bt700.hid');
    h.device.failWrites = true;
    await h.session.indicate({ ...IDLE, ringing: true });
    expect(h.errors.map((e) => e.message)).toEqual(['write failed: device gone']);
  });

  it('warns instead of throwing when nobody listens for errors', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const layout = deriveTelephonyLayout(
      parseReportDescriptor(hexBytes('05 0b 09 05 a1 01 15 00 25 01 75 08 95 01 09 20 81 02 c0')),
    );
    const iface = layout?.interfaces[0];
    if (layout === undefined || iface === undefined) throw new Error('no layout');
    const device = new FakeHidDevice();
    new HeadsetSession(device, new TelephonyDriver(iface, false, new ManualClock()));
    expect(() => device.receive([])).not.toThrow();
    expect(warn).toHaveBeenCalledWith('headset: empty input report');
  });

  it('frames writes with report id 0 on a descriptor without report ids', () => {
    // No 85 item: Hook input byte 0 bit 0; Off-Hook LED output bit 0.
    const bytes = hexBytes(
      '05 0b 09 05 a1 01 15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01' +
        ' 05 08 09 17 95 01 91 02 95 07 91 01 c0',
    );
    const layout = deriveTelephonyLayout(parseReportDescriptor(bytes));
    const iface = layout?.interfaces[0];
    if (layout === undefined || iface === undefined) throw new Error('no layout');
    expect(layout.usesReportIds).toBe(false);
    const driver = new TelephonyDriver(iface, false, new ManualClock(1000));
    const result = driver.handleInput(Uint8Array.from([0x01]));
    expect(result.events).toEqual([{ type: 'hook-off' }]);
    expect(result.writes.map((w) => [...w])).toEqual([[0x00, 0x01]]);
  });
});
