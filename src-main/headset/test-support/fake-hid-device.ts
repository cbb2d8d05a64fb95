import { EventEmitter } from 'node:events';
import { writeBits } from '../report-bits';
import type { InputControlName } from '../hid-usages';
import type { TelephonyInterface } from '../telephony-layout';
import type { HidDeviceLike } from '../transport';

/**
 * The only test double: an object shaped like node-hid's HIDAsync. Tests push input reports
 * with `receive` and read what the code wrote from `writes`.
 */
export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  readonly writes: number[][] = [];
  closed = false;
  failWrites = false;

  write(values: number[]): Promise<number> {
    if (this.failWrites) return Promise.reject(new Error('write failed: device gone'));
    this.writes.push([...values]);
    return Promise.resolve(values.length);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  receive(report: Uint8Array | number[]): void {
    this.emit('data', Buffer.from(report));
  }

  takeWrites(): number[][] {
    return this.writes.splice(0, this.writes.length);
  }
}

/**
 * An input report built from a parsed layout: report id, then the payload with the named
 * controls set and everything else zero. Keeps tests honest: the bits come from the descriptor.
 */
export function inputReport(
  iface: TelephonyInterface,
  values: Partial<Record<InputControlName | 'keypad', number>>,
  usesReportIds = true,
): number[] {
  const ids = new Set(iface.inputReports.map((r) => r.reportId));
  if (ids.size !== 1) throw new Error('helper expects one input report per interface');
  const [only] = iface.inputReports;
  const payload = new Uint8Array(only?.byteLength ?? 0);
  for (const [name, value] of Object.entries(values)) {
    const control = name === 'keypad' ? iface.keypad : iface.inputs.find((c) => c.name === name);
    if (control === undefined) throw new Error(`layout has no ${name}`);
    writeBits(payload, control.bitOffset, control.bitSize, value);
  }
  return usesReportIds ? [only?.reportId ?? 0, ...payload] : [...payload];
}
