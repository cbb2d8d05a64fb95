import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { HeadsetStatus } from '../../src-shared/domain/headset';
import { HeadsetManager, chooseInterface } from '../../src-main/headset';
import { readBits } from '../../src-main/headset/report-bits';
import type { TelephonyInterface } from '../../src-main/headset/telephony-layout';
import { FakeHidDevice, inputReport } from '../../src-main/headset/test-support/fake-hid-device';
import { fixtureLayout, loadFixture } from '../../src-main/headset/test-support/fixtures';
import type { HidDeviceInfo } from '../../src-main/headset/transport';
import { startSipp } from '../sip/harness/sipp';
import { DEMO_AGENT, call, until, useAgentCore } from './support/agent-core';

// Real baresip, real SIPp, the real core and headset driver; the only double is the HID device
// (USB hardware cannot be plugged in here), fed input reports built from a real descriptor.
const FIXTURE = 'jabra-evolve-link-ms.hid';
const DEVICE: HidDeviceInfo = {
  vendorId: 0x0b0e,
  productId: 0x0307,
  path: '/dev/hidraw-test',
  product: 'Jabra EVOLVE LINK MS',
  interface: 0,
};

const agents = useAgentCore(40);

class PluggableHeadsets extends EventEmitter {
  async start(): Promise<void> {
    this.emit('added', [DEVICE]);
  }
  stop(): void {}
  unplug(): void {
    this.emit('removed', [DEVICE.path]);
  }
}

async function setup() {
  const device = new FakeHidDevice();
  const watcher = new PluggableHeadsets();
  let preferred: unknown;
  const manager = new HeadsetManager({
    monitor: watcher,
    load: async () => ({ bytes: loadFixture(FIXTURE).bytes, origin: 'sysfs' }),
    open: async () => device,
    store: { load: () => preferred as never, save: (value) => void (preferred = value) },
    clock: { now: () => Date.now() },
  });
  const agent = await agents.start({ wrapUpMode: { kind: 'optional' }, headsets: manager });
  // The test engine is already running, so core.start() (which would start it) is not used.
  await call(agent.core, 'session.login', DEMO_AGENT);
  await manager.start();
  await manager.whenIdle();
  const iface = chooseInterface(fixtureLayout(FIXTURE), 'vendor-mirror');
  return { ...agent, device, watcher, manager, iface };
}

/** The LED's bit in the last whole report written for it. */
function led(device: FakeHidDevice, iface: TelephonyInterface, name: string): boolean {
  const output = iface.outputs.find((entry) => entry.name === name);
  if (!output) throw new Error(`layout has no ${name} LED`);
  const report = [...device.writes].reverse().find((bytes) => bytes[0] === output.reportId);
  if (!report) return false;
  return readBits(Uint8Array.from(report.slice(1)), output.bitOffset, output.bitSize) === 1;
}

describe('a USB headset drives real calls', () => {
  it('rings, answers on hook-off, holds on flash, hangs up on hook-on; LEDs follow', async () => {
    const { core, engine, device, iface, status } = await setup();
    const headsets = (await core.dispatch('headset.get', {})) as { result: HeadsetStatus };
    expect(headsets.result.activePath).toBe(DEVICE.path);
    await call(core, 'agent.setReady');

    const customer = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '13800138000' },
      rtpEcho: true,
    });
    await until(() => status() === 'offered', 'offered');
    await until(() => led(device, iface, 'ring'), 'ring LED');

    device.receive(inputReport(iface, { 'hook-switch': 1 }));
    await until(() => status() === 'talking', 'answered from the headset');
    await until(() => led(device, iface, 'off-hook') && !led(device, iface, 'ring'), 'off-hook');

    // Mute stays in step both ways: the headset's button mutes the call, the screen unmutes.
    const muted = () =>
      (core.dispatch('agent.get', {}) as Promise<{ result: { calls: { muted: boolean }[] } }>).then(
        (outcome) => outcome.result.calls[0]?.muted,
      );
    device.receive(inputReport(iface, { 'hook-switch': 1, 'phone-mute': 1 }));
    device.receive(inputReport(iface, { 'hook-switch': 1 }));
    await until(() => led(device, iface, 'mute'), 'mute LED');
    expect(await muted()).toBe(true);
    await call(core, 'call.setMuted', { muted: false });
    await until(() => !led(device, iface, 'mute'), 'mute LED off');
    expect(await muted()).toBe(false);

    device.receive(inputReport(iface, { 'hook-switch': 1, flash: 1 }));
    device.receive(inputReport(iface, { 'hook-switch': 1 }));
    await until(() => status() === 'held', 'held from the headset');
    await until(() => led(device, iface, 'hold') && !led(device, iface, 'off-hook'), 'hold LED');

    // Resume from the screen: the lights follow whichever way the call changed.
    await call(core, 'call.retrieve');
    await until(() => led(device, iface, 'off-hook') && !led(device, iface, 'hold'), 'resumed');

    device.receive(inputReport(iface, { 'hook-switch': 0 }));
    await until(() => status() === 'wrap-up', 'hung up from the headset');
    await until(() => !led(device, iface, 'off-hook'), 'on-hook LED');
    expect((await customer.done).code).toBe(0);
  });

  it('keeps the call when the headset is unplugged mid-call', async () => {
    const { core, engine, device, watcher, manager, iface, status } = await setup();
    await call(core, 'agent.setReady');
    await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '13800138000' },
      rtpEcho: true,
    });
    await until(() => status() === 'offered', 'offered');
    device.receive(inputReport(iface, { 'hook-switch': 1 }));
    await until(() => status() === 'talking', 'answered');

    watcher.unplug();
    await manager.whenIdle();
    expect(
      ((await core.dispatch('headset.get', {})) as { result: HeadsetStatus }).result.activePath,
    ).toBeNull();
    expect((await call(core, 'agent.get')).status).toBe('talking');
    await call(core, 'call.hangUp');
    await until(() => status() === 'wrap-up', 'hung up from the screen');
  });
});
