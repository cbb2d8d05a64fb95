import { EventEmitter } from 'node:events';
import { discoverHeadsets, type HeadsetCandidate, type LoadDescriptor } from './discovery';
import { HeadsetSession } from './headset-session';
import { chooseActive, rememberPreferred, type PreferenceStore } from './preferred-device';
import {
  TelephonyDriver,
  type CallIndication,
  type Clock,
  type HeadsetEvent,
} from './telephony-driver';
import type { InterfaceSource, TelephonyInterface, TelephonyLayout } from './telephony-layout';
import type { HidDeviceInfo, HidDeviceLike } from './transport';

/** What the manager needs of a HotplugMonitor. */
export interface DeviceWatcher {
  on(event: 'added', listener: (entries: HidDeviceInfo[]) => void): unknown;
  on(event: 'removed', listener: (paths: string[]) => void): unknown;
  start(): Promise<void>;
  stop(): void;
}

export interface HeadsetManagerDeps {
  monitor: DeviceWatcher;
  load: LoadDescriptor;
  open(path: string): Promise<HidDeviceLike>;
  store: PreferenceStore;
  clock: Clock;
  platform?: NodeJS.Platform;
  /** Which copy of the telephony collection to drive when a device has both. */
  prefer?: InterfaceSource;
}

interface ManagerEvents {
  headsets: [HeadsetCandidate[]];
  active: [HeadsetCandidate | undefined];
  event: [HeadsetEvent];
  error: [Error];
}

const IDLE: CallIndication = { ringing: false, offHook: false, muted: false, held: false };

/**
 * All connected telephony headsets, one of them driven: the remembered one when present, else
 * the first. The call model talks only to this: `indicate()` in, 'event' out.
 */
export class HeadsetManager extends EventEmitter<ManagerEvents> {
  private readonly candidates = new Map<string, HeadsetCandidate>();
  private active: { candidate: HeadsetCandidate; session: HeadsetSession } | undefined;
  private indication: CallIndication = IDLE;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HeadsetManagerDeps) {
    super();
    deps.monitor.on('added', (entries) => this.serial(() => this.onAdded(entries)));
    deps.monitor.on('removed', (paths) => this.serial(() => this.onRemoved(paths)));
  }

  async start(): Promise<void> {
    await this.deps.monitor.start();
    await this.work;
  }

  async stop(): Promise<void> {
    this.deps.monitor.stop();
    await this.serial(() => this.switchTo(undefined));
  }

  /** Resolves when plug/unplug handling queued so far is done. */
  whenIdle(): Promise<void> {
    return this.work;
  }

  list(): HeadsetCandidate[] {
    return [...this.candidates.values()];
  }

  activePath(): string | undefined {
    return this.active?.candidate.path;
  }

  /** The agent picked a headset: remember it and drive it now. */
  select(path: string): Promise<void> {
    const candidate = this.candidates.get(path);
    if (candidate !== undefined) rememberPreferred(this.deps.store, candidate);
    return this.serial(() => this.reconsider());
  }

  /** Shows the call state; remembered so a headset plugged in mid-call shows it too. */
  indicate(desired: CallIndication): Promise<void> {
    this.indication = { ...desired };
    return this.active?.session.indicate(desired) ?? Promise.resolve();
  }

  private serial(task: () => Promise<void>): Promise<void> {
    this.work = this.work.then(task).catch((error: unknown) => this.fail(error));
    return this.work;
  }

  private async onAdded(entries: HidDeviceInfo[]): Promise<void> {
    const found = await discoverHeadsets(entries, this.deps.load, this.deps.platform);
    for (const p of found.problems) this.fail(new Error(`${p.path}: ${p.message}`));
    for (const h of found.headsets) this.candidates.set(h.path, h);
    if (found.headsets.length > 0) this.emit('headsets', this.list());
    await this.reconsider();
  }

  private async onRemoved(paths: string[]): Promise<void> {
    const gone = paths.filter((p) => this.candidates.delete(p));
    if (gone.length === 0) return;
    this.emit('headsets', this.list());
    await this.reconsider();
  }

  private async reconsider(): Promise<void> {
    const target = chooseActive(this.list(), this.deps.store.load());
    if (target?.path === this.active?.candidate.path) return;
    await this.switchTo(target);
  }

  private async switchTo(target: HeadsetCandidate | undefined): Promise<void> {
    const old = this.active;
    this.active = undefined;
    if (old !== undefined) {
      // The device may already be unplugged; closing it can fail and that is fine.
      await old.session.close().catch(() => undefined);
    }
    if (target !== undefined) {
      const iface = chooseInterface(target.layout, this.deps.prefer ?? 'vendor-mirror');
      const driver = new TelephonyDriver(iface, target.layout.usesReportIds, this.deps.clock);
      let device: HidDeviceLike;
      try {
        device = await this.deps.open(target.path);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.fail(
          new Error(
            `cannot open headset ${target.path}: ${why}` +
              (target.path.startsWith('/dev/hidraw')
                ? ' (is resources/udev/60-switchboard-headsets.rules installed?)'
                : ''),
          ),
        );
        this.emit('active', undefined);
        return;
      }
      const session = new HeadsetSession(device, driver);
      session.on('event', (e) => this.emit('event', e));
      session.on('error', (e) => this.fail(e));
      this.active = { candidate: target, session };
      await session.start();
      await session.indicate(this.indication);
    }
    this.emit('active', target);
  }

  private fail(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else console.warn(`headset: ${err.message}`);
  }
}

/**
 * The interface to drive. The vendor mirror (Jabra, Yealink report 4) keeps us clear of Teams on
 * the standard page, but only when it has both a Hook Switch and an Off-Hook LED to acknowledge.
 */
export function chooseInterface(
  layout: TelephonyLayout,
  prefer: InterfaceSource,
): TelephonyInterface {
  const usable = layout.interfaces.filter((i) => i.outputs.some((o) => o.name === 'off-hook'));
  const pool = usable.length > 0 ? usable : layout.interfaces;
  const chosen = pool.find((i) => i.source === prefer) ?? pool[0];
  if (chosen === undefined) throw new Error('layout has no telephony interface');
  return chosen;
}
