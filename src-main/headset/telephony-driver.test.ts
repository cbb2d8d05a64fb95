import { describe, expect, it } from 'vitest';
import { inputReport } from './test-support/fake-hid-device';
import { openFixtureSession } from './test-support/session-harness';

type Pulse = 'flash' | 'redial' | 'reject' | 'drop';

/**
 * One call through each device: the output bytes are worked out by hand from the layouts
 * derived in telephony-layout.test.ts (bit n of payload byte k = 1 << n), never read back
 * from the code under test.
 */
interface DeviceCase {
  fixture: string;
  source: 'standard' | 'vendor-mirror';
  /** Hook Switch = 1, everything else 0, as the device would send it. */
  hookOffReport: number[];
  pulses: Pulse[];
  writes: Record<
    | 'start'
    | 'ring'
    | 'hookOffAck'
    | 'answered'
    | 'muteAck'
    | 'hold'
    | 'resume'
    | 'hookOnAck'
    | 'idle',
    number[][]
  >;
}

// Jabra Evolve/BIZ/Speak mirror, rid 4, 2 bytes: Off-Hook b0, Mute b1, Ring b2, Hold b3,
// Ringer b5. Ring = b2|b5 = 0x24; +Off-Hook = 0x25; Off-Hook+Mute = 0x03; hold step 1 adds Hold
// (0x0b), step 2 drops Off-Hook (0x0a); resume 0x0b then 0x03; hang-up leaves Mute (0x02).
const jabraWrites: DeviceCase['writes'] = {
  start: [[4, 0x00, 0x00]],
  ring: [[4, 0x24, 0x00]],
  hookOffAck: [[4, 0x25, 0x00]],
  answered: [[4, 0x01, 0x00]],
  muteAck: [[4, 0x03, 0x00]],
  hold: [
    [4, 0x0b, 0x00],
    [4, 0x0a, 0x00],
  ],
  resume: [
    [4, 0x0b, 0x00],
    [4, 0x03, 0x00],
  ],
  hookOnAck: [[4, 0x02, 0x00]],
  idle: [[4, 0x00, 0x00]],
};

const CASES: DeviceCase[] = [
  {
    fixture: 'jabra-evolve-link-ms.hid',
    source: 'vendor-mirror',
    hookOffReport: [4, 0x01, 0x00],
    pulses: ['flash', 'redial', 'reject'],
    writes: jabraWrites,
  },
  {
    fixture: 'jabra-biz2400-ii.hid',
    source: 'vendor-mirror',
    hookOffReport: [4, 0x01, 0x00],
    pulses: ['flash', 'redial', 'reject'],
    writes: jabraWrites,
  },
  {
    fixture: 'jabra-speak810.hid',
    source: 'vendor-mirror',
    hookOffReport: [4, 0x01, 0x00],
    pulses: ['flash', 'reject'],
    writes: jabraWrites,
  },
  {
    // Mirror rid 4: Off-Hook b0, Mute b2, Ring b3, Hold b4, Ringer b7. Ring 0x88, +Off-Hook
    // 0x89, Off-Hook+Mute 0x05, hold 0x15 then 0x14, resume 0x15 then 0x05, hang-up 0x04.
    fixture: 'jabra-link380c.hid',
    source: 'vendor-mirror',
    hookOffReport: [4, 0x01, 0x00],
    pulses: ['flash', 'redial', 'reject'],
    writes: {
      start: [[4, 0x00, 0x00]],
      ring: [[4, 0x88, 0x00]],
      hookOffAck: [[4, 0x89, 0x00]],
      answered: [[4, 0x01, 0x00]],
      muteAck: [[4, 0x05, 0x00]],
      hold: [
        [4, 0x15, 0x00],
        [4, 0x14, 0x00],
      ],
      resume: [
        [4, 0x15, 0x00],
        [4, 0x05, 0x00],
      ],
      hookOnAck: [[4, 0x04, 0x00]],
      idle: [[4, 0x00, 0x00]],
    },
  },
  {
    // Mirror rid 4 output is 1 byte with no Ringer: Ring alone is 0x04.
    fixture: 'yealink-wh66.hid',
    source: 'vendor-mirror',
    hookOffReport: [4, 0x01, 0x00],
    pulses: ['flash', 'redial', 'reject'],
    writes: {
      start: [[4, 0x00]],
      ring: [[4, 0x04]],
      hookOffAck: [[4, 0x05]],
      answered: [[4, 0x01]],
      muteAck: [[4, 0x03]],
      hold: [
        [4, 0x0b],
        [4, 0x0a],
      ],
      resume: [
        [4, 0x0b],
        [4, 0x03],
      ],
      hookOnAck: [[4, 0x02]],
      idle: [[4, 0x00]],
    },
  },
  {
    // Input rid 8: Mute b0, Hook b1, Flash b2. One 1-byte report per LED: 9 Mute, 0x17 (23)
    // Off-Hook, 0x18 (24) Ring, 0x20 (32) Hold. Hold = Hold report on, then Off-Hook report off.
    fixture: 'plantronics-blackwire3220.hid',
    source: 'standard',
    hookOffReport: [8, 0x02],
    pulses: ['flash'],
    writes: {
      start: [
        [9, 0],
        [23, 0],
        [24, 0],
        [32, 0],
      ],
      ring: [[24, 1]],
      hookOffAck: [[23, 1]],
      answered: [[24, 0]],
      muteAck: [[9, 1]],
      hold: [
        [32, 1],
        [23, 0],
      ],
      resume: [
        [23, 1],
        [32, 0],
      ],
      hookOnAck: [[23, 0]],
      idle: [[9, 0]],
    },
  },
  {
    fixture: 'plantronics-blackwire-c5220.hid',
    source: 'standard',
    hookOffReport: [8, 0x02],
    pulses: ['flash', 'redial'],
    writes: {
      start: [
        [9, 0],
        [23, 0],
        [24, 0],
        [32, 0],
      ],
      ring: [[24, 1]],
      hookOffAck: [[23, 1]],
      answered: [[24, 0]],
      muteAck: [[9, 1]],
      hold: [
        [32, 1],
        [23, 0],
      ],
      resume: [
        [23, 1],
        [32, 0],
      ],
      hookOnAck: [[23, 0]],
      idle: [[9, 0]],
    },
  },
  {
    // Input rid 0x20: Hook b0. LEDs: 0x21 (33) Ring, 0x23 (35) Mute, 0x24 (36) Off-Hook,
    // 0x25 (37) Hold.
    fixture: 'poly-bt700.hid',
    source: 'standard',
    hookOffReport: [0x20, 0x01],
    pulses: ['flash', 'redial'],
    writes: {
      start: [
        [33, 0],
        [35, 0],
        [36, 0],
        [37, 0],
      ],
      ring: [[33, 1]],
      hookOffAck: [[36, 1]],
      answered: [[33, 0]],
      muteAck: [[35, 1]],
      hold: [
        [37, 1],
        [36, 0],
      ],
      resume: [
        [36, 1],
        [37, 0],
      ],
      hookOnAck: [[36, 0]],
      idle: [[35, 0]],
    },
  },
  {
    // Input rid 2: Hook b2 → 0x04. Output rid 3: Ringer b0, Off-Hook b1, Ring b3, Mute b4,
    // Hold b6. Ring 0x09, +Off-Hook 0x0b, Off-Hook+Mute 0x12, hold 0x52 then 0x50, resume 0x52
    // then 0x12, hang-up 0x10.
    fixture: 'epos-impact-dw.hid',
    source: 'standard',
    hookOffReport: [2, 0x04],
    pulses: ['flash', 'redial', 'drop'],
    writes: {
      start: [[3, 0x00]],
      ring: [[3, 0x09]],
      hookOffAck: [[3, 0x0b]],
      answered: [[3, 0x02]],
      muteAck: [[3, 0x12]],
      hold: [
        [3, 0x52],
        [3, 0x50],
      ],
      resume: [
        [3, 0x52],
        [3, 0x12],
      ],
      hookOnAck: [[3, 0x10]],
      idle: [[3, 0x00]],
    },
  },
];

const IDLE = { ringing: false, offHook: false, muted: false, held: false };

describe.each(CASES)('a call on $fixture', (c) => {
  it('rings, answers from the headset, mutes, holds, resumes, presses buttons, hangs up', async () => {
    const h = openFixtureSession(c.fixture);
    const { device, clock, session, iface } = h;
    expect(iface.source).toBe(c.source);
    const hookOff = inputReport(iface, { 'hook-switch': 1 });
    expect(hookOff).toEqual(c.hookOffReport);

    await session.start();
    expect(device.takeWrites()).toEqual(c.writes.start);

    clock.set(1000);
    await session.indicate({ ...IDLE, ringing: true });
    expect(device.takeWrites()).toEqual(c.writes.ring);

    clock.set(2000);
    device.receive(hookOff);
    await session.flush();
    expect(h.takeEvents()).toEqual(['hook-off']);
    expect(device.takeWrites()).toEqual(c.writes.hookOffAck);

    await session.indicate({ ...IDLE, offHook: true });
    expect(device.takeWrites()).toEqual(c.writes.answered);

    clock.set(3000);
    device.receive(inputReport(iface, { 'hook-switch': 1, 'phone-mute': 1 }));
    device.receive(inputReport(iface, { 'hook-switch': 1 }));
    await session.flush();
    expect(h.takeEvents()).toEqual(['mute-toggle']);
    expect(device.takeWrites()).toEqual(c.writes.muteAck);
    // The call model confirms the mute: nothing left to write.
    await session.indicate({ ...IDLE, offHook: true, muted: true });
    expect(device.takeWrites()).toEqual([]);

    clock.set(4000);
    await session.indicate({ ...IDLE, offHook: true, muted: true, held: true });
    expect(device.takeWrites()).toEqual(c.writes.hold);
    // The device follows our Off-Hook off with hook = 0: our echo, not the agent hanging up.
    clock.set(4200);
    device.receive(inputReport(iface, {}));
    await session.flush();
    expect(h.takeEvents()).toEqual([]);

    clock.set(5000);
    await session.indicate({ ...IDLE, offHook: true, muted: true });
    expect(device.takeWrites()).toEqual(c.writes.resume);
    clock.set(5100);
    device.receive(hookOff);
    await session.flush();
    expect(h.takeEvents()).toEqual([]);

    clock.set(6000);
    for (const pulse of c.pulses) {
      device.receive(inputReport(iface, { 'hook-switch': 1, [pulse]: 1 }));
      device.receive(inputReport(iface, { 'hook-switch': 1 }));
    }
    await session.flush();
    expect(h.takeEvents()).toEqual(c.pulses);
    expect(device.takeWrites()).toEqual([]);

    clock.set(7000);
    device.receive(inputReport(iface, {}));
    await session.flush();
    expect(h.takeEvents()).toEqual(['hook-on']);
    expect(device.takeWrites()).toEqual(c.writes.hookOnAck);

    await session.indicate(IDLE);
    expect(device.takeWrites()).toEqual(c.writes.idle);
    expect(h.errors).toEqual([]);
    await session.close();
    expect(device.closed).toBe(true);
  });
});
