import { ReportError } from './hid-errors';
import type { OutputControlName } from './hid-usages';
import { readBits, writeBits } from './report-bits';
import type { OutputControl, TelephonyInterface } from './telephony-layout';

export type LedState = Partial<Record<OutputControlName, boolean>>;

/**
 * A copy of every output report of one telephony interface. Devices take an output report
 * whole, so setting one LED means rewriting the bits we set earlier; the shadow keeps them.
 */
export class OutputShadow {
  private readonly reports = new Map<number, Uint8Array>();

  constructor(
    private readonly iface: TelephonyInterface,
    private readonly usesReportIds: boolean,
  ) {
    for (const r of iface.outputReports) this.reports.set(r.reportId, new Uint8Array(r.byteLength));
  }

  has(name: OutputControlName): boolean {
    return this.control(name) !== undefined;
  }

  get(name: OutputControlName): boolean {
    const c = this.control(name);
    if (c === undefined) return false;
    return readBits(this.payload(c.reportId), c.bitOffset, c.bitSize) !== 0;
  }

  /**
   * Applies LED values and returns the whole output reports that changed, report id first
   * (0 when the device has no report ids, as hidapi expects), in descriptor order. One report
   * per LED (Plantronics/Poly) thus gives one write per changed LED.
   */
  apply(state: LedState): Uint8Array[] {
    const before = new Map([...this.reports].map(([id, p]) => [id, p.slice()]));
    for (const [name, on] of Object.entries(state) as [OutputControlName, boolean][]) {
      const c = this.control(name);
      if (c === undefined) continue;
      writeBits(this.payload(c.reportId), c.bitOffset, c.bitSize, on ? onValue(c) : 0);
    }
    const writes: Uint8Array[] = [];
    for (const [id, payload] of this.reports) {
      const old = before.get(id);
      if (old !== undefined && !sameBytes(old, payload)) writes.push(this.frame(id, payload));
    }
    return writes;
  }

  /** Every output report as it stands, for the first write after opening. */
  all(): Uint8Array[] {
    return [...this.reports].map(([id, payload]) => this.frame(id, payload));
  }

  private frame(reportId: number, payload: Uint8Array): Uint8Array {
    const out = new Uint8Array(payload.length + 1);
    out[0] = this.usesReportIds ? reportId : 0;
    out.set(payload, 1);
    return out;
  }

  private control(name: OutputControlName): OutputControl | undefined {
    return this.iface.outputs.find((c) => c.name === name);
  }

  private payload(reportId: number): Uint8Array {
    const p = this.reports.get(reportId);
    if (p === undefined) throw new ReportError(`no output report ${reportId} in the layout`);
    return p;
  }
}

/** "On" for an LED: 1 unless the logical range cannot hold it. */
function onValue(c: OutputControl): number {
  return c.logicalMax >= 1 ? 1 : c.logicalMax;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
