import { EventEmitter } from 'node:events';
import type { HidDeviceInfo } from './transport';

/** Timer functions, injected so tests drive polls by hand instead of waiting. */
export interface Scheduler {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

interface MonitorEvents {
  /** Entries of paths that were not there at the previous poll. */
  added: [HidDeviceInfo[]];
  removed: [string[]];
  error: [Error];
}

export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 10_000;

/**
 * Notices headsets plugged in or out by polling the HID enumeration (node-hid has no hot-plug
 * events; udev would need another native module). The interval is clamped so a bad setting can
 * neither spin the CPU nor leave a new headset unnoticed for minutes.
 */
export class HotplugMonitor extends EventEmitter<MonitorEvents> {
  private known = new Map<string, HidDeviceInfo[]>();
  private handle: unknown;
  private polling: Promise<void> | undefined;
  readonly intervalMs: number;

  constructor(
    private readonly enumerate: () => Promise<HidDeviceInfo[]>,
    private readonly scheduler: Scheduler,
    intervalMs = 2000,
  ) {
    super();
    this.intervalMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, intervalMs));
  }

  start(): Promise<void> {
    if (this.handle === undefined) {
      this.handle = this.scheduler.setInterval(() => void this.poll(), this.intervalMs);
    }
    return this.poll();
  }

  stop(): void {
    if (this.handle !== undefined) this.scheduler.clearInterval(this.handle);
    this.handle = undefined;
  }

  /** One enumeration and diff. Overlapping calls share the poll in flight. */
  poll(): Promise<void> {
    this.polling ??= this.diff().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async diff(): Promise<void> {
    let entries: HidDeviceInfo[];
    try {
      entries = await this.enumerate();
    } catch (error) {
      if (this.listenerCount('error') > 0) {
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    // Keyed by path and identity: Linux reuses /dev/hidrawN, so a different headset on the
    // same node between two polls must read as one unplugged and one plugged in.
    const now = new Map<string, HidDeviceInfo[]>();
    for (const entry of entries) {
      if (entry.path === undefined) continue;
      const key = identityKey(entry);
      now.set(key, [...(now.get(key) ?? []), entry]);
    }
    const added = [...now].filter(([key]) => !this.known.has(key)).flatMap(([, e]) => e);
    const removed = [...this.known]
      .filter(([key]) => !now.has(key))
      .map(([, e]) => e[0]?.path ?? '');
    this.known = now;
    if (removed.length > 0) this.emit('removed', removed);
    if (added.length > 0) this.emit('added', added);
  }
}

function identityKey(d: HidDeviceInfo): string {
  return [d.path, d.vendorId, d.productId, d.serialNumber ?? ''].join('|');
}
