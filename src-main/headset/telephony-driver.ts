import { MAX_REPORT_BYTES, ReportError } from './hid-errors';
import { OutputShadow, type LedState } from './output-shadow';
import { readBits } from './report-bits';
import type { InputControl, TelephonyInterface } from './telephony-layout';

export type HeadsetEvent =
  | { type: 'hook-off' }
  | { type: 'hook-on' }
  | { type: 'mute-toggle' }
  | { type: 'flash' }
  | { type: 'redial' }
  | { type: 'reject' }
  | { type: 'drop' }
  | { type: 'digit'; digit: string };

/** What the call model wants the headset to show. */
export interface CallIndication {
  ringing: boolean;
  offHook: boolean;
  muted: boolean;
  held: boolean;
}

export interface Clock {
  now(): number;
}

export interface DriverResult {
  events: HeadsetEvent[];
  /** Whole output reports to write, in order. */
  writes: Uint8Array[];
}

export interface DriverOptions {
  /** How long after we write Off-Hook a matching hook report counts as our echo (GONNECT: 500). */
  echoWindowMs?: number;
}

const PULSE_EVENTS = { flash: 'flash', redial: 'redial', reject: 'reject', drop: 'drop' } as const;

/**
 * The headset protocol for one telephony interface, free of I/O and timers: input reports in,
 * events and output reports out. The clock is injected so the echo window is testable.
 */
export class TelephonyDriver {
  private readonly shadow: OutputShadow;
  private readonly echoWindowMs: number;
  private readonly previous = new Map<string, number>();
  private keypadIdle: number | undefined;
  private hookOff = false;
  private lastHookWrite: { offHook: boolean; at: number } | undefined;

  constructor(
    private readonly iface: TelephonyInterface,
    private readonly usesReportIds: boolean,
    private readonly clock: Clock,
    options: DriverOptions = {},
  ) {
    this.shadow = new OutputShadow(iface, usesReportIds);
    this.echoWindowMs = options.echoWindowMs ?? 500;
  }

  get isHookOff(): boolean {
    return this.hookOff;
  }

  /**
   * The first writes after opening: every output report, all LEDs off. Some Jabra dongles send
   * no hook reports until the host has written Off-Hook once.
   */
  start(): Uint8Array[] {
    const writes = this.shadow.all();
    if (this.shadow.has('off-hook')) this.noteHookWrite();
    return writes;
  }

  handleInput(report: Uint8Array): DriverResult {
    if (report.length > MAX_REPORT_BYTES + 1) {
      throw new ReportError(`input report of ${report.length} bytes is oversized`);
    }
    if (report.length === 0) throw new ReportError('empty input report');
    const reportId = this.usesReportIds ? (report[0] as number) : 0;
    const payload = this.usesReportIds ? report.subarray(1) : report;
    // hidapi hands us every top-level collection's reports on the same path: skip foreign ids.
    const expected = this.iface.inputReports.find((r) => r.reportId === reportId);
    if (expected === undefined) return { events: [], writes: [] };
    if (payload.length < expected.byteLength) {
      throw new ReportError(
        `input report ${reportId} has ${payload.length} payload bytes, expected ${expected.byteLength}`,
      );
    }
    const events: HeadsetEvent[] = [];
    const led: LedState = {};
    for (const control of this.iface.inputs) {
      if (control.reportId !== reportId) continue;
      this.handleControl(control, readControl(payload, control), events, led);
    }
    this.handleKeypad(reportId, payload, events);
    return { events, writes: this.writeLeds(led) };
  }

  /** Output reports that make the headset show `desired`; only the reports that change. */
  indicate(desired: CallIndication): Uint8Array[] {
    const inCall = desired.offHook || desired.held;
    const target: LedState = {
      'off-hook': desired.offHook && !desired.held,
      hold: desired.held,
      ring: desired.ringing,
      ringer: desired.ringing,
      mute: desired.muted && inCall,
    };
    const offNow = this.shadow.get('off-hook');
    const holdNow = this.shadow.get('hold');
    const writes: Uint8Array[] = [];
    // Devices follow the hold sequence only in order: Hold on, then Off-Hook off; resume with
    // Off-Hook on, then Hold off. Each step is its own write even within one packed report.
    if (target.hold === true && !holdNow && offNow && target['off-hook'] === false) {
      writes.push(...this.writeLeds({ ...target, 'off-hook': true }));
    } else if (target.hold === false && holdNow && !offNow && target['off-hook'] === true) {
      writes.push(...this.writeLeds({ ...target, hold: true }));
    }
    writes.push(...this.writeLeds(target));
    return writes;
  }

  private handleControl(c: InputControl, value: number, events: HeadsetEvent[], led: LedState) {
    const before = this.previous.get(c.name) ?? 0;
    this.previous.set(c.name, value);
    const rising = before === 0 && value !== 0;
    switch (c.name) {
      case 'hook-switch': {
        // Absolute: the bit is the hook state. Relative: each press toggles it.
        const off = c.absolute ? value !== 0 : rising ? !this.hookOff : this.hookOff;
        if (off === this.hookOff) return;
        this.hookOff = off;
        if (this.isEcho(off)) return;
        events.push({ type: off ? 'hook-off' : 'hook-on' });
        // Acknowledge, or Jabra ignores the next press.
        led['off-hook'] = off;
        return;
      }
      case 'phone-mute': {
        const toggled = c.absolute ? value !== before : rising;
        if (!toggled) return;
        events.push({ type: 'mute-toggle' });
        // Mirror the mute LED, which Jabra also needs before it reports the next press.
        led.mute = c.absolute ? value !== 0 : !this.shadow.get('mute');
        return;
      }
      case 'line-busy':
        return;
      default:
        // Pulses on most devices, a held state on Poly: the rising edge is the press either way.
        if (rising) events.push({ type: PULSE_EVENTS[c.name] });
    }
  }

  private handleKeypad(reportId: number, payload: Uint8Array, events: HeadsetEvent[]) {
    const keypad = this.iface.keypad;
    if (keypad === undefined || keypad.reportId !== reportId) return;
    const value = readControl(payload, keypad);
    const before = this.previous.get('keypad');
    this.previous.set('keypad', value);
    // Without a Null State, the idle value can itself name a key (0 is Phone Key 0 on the
    // Evolve), so the value of the first report is taken as "no key": a digit is a change to
    // any other key value, and the return to idle is a release, not a press.
    if (this.keypadIdle === undefined) {
      this.keypadIdle = value;
      return;
    }
    if (value === before || value === this.keypadIdle) return;
    const key = keypad.digits.find((d) => d.value === value);
    if (key !== undefined) events.push({ type: 'digit', digit: key.digit });
  }

  private isEcho(offHook: boolean): boolean {
    const last = this.lastHookWrite;
    return (
      last !== undefined &&
      last.offHook === offHook &&
      this.clock.now() - last.at < this.echoWindowMs
    );
  }

  private writeLeds(state: LedState): Uint8Array[] {
    const offBefore = this.shadow.get('off-hook');
    const writes = this.shadow.apply(state);
    if (this.shadow.get('off-hook') !== offBefore) this.noteHookWrite();
    return writes;
  }

  private noteHookWrite(): void {
    this.lastHookWrite = { offHook: this.shadow.get('off-hook'), at: this.clock.now() };
  }
}

function readControl(
  payload: Uint8Array,
  c: { bitOffset: number; bitSize: number; logicalMin: number },
): number {
  const raw = readBits(payload, c.bitOffset, c.bitSize);
  // Sign-extend when the logical range is signed (HID 1.11 §6.2.2.7).
  if (c.logicalMin < 0 && c.bitSize > 0 && raw >= 2 ** (c.bitSize - 1)) return raw - 2 ** c.bitSize;
  return raw;
}
