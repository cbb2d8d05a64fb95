import type { AgentSnapshot } from '../../src-shared/domain/agent';
import type { PresenceLease, PresenceReport } from '../../src-shared/http/directory';

/** After a failed report, try again this soon (the lease may still be running). */
const RETRY_MS = 15_000;
/** Renew when this share of the lease is left, so one lost renewal does not lapse it. */
const RENEW_AT_LEASE_SHARE = 1 / 3;
/** The sign-out report is a courtesy: the lease would say the same within a minute or two. */
const FINAL_REPORT_TIMEOUT_MS = 2_000;

const REASON_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** The agent's state as colleagues need it: can he take a transfer now, and if not why. */
export function presenceReportOf(
  snapshot: Pick<AgentSnapshot, 'status' | 'notReadyReason'>,
): PresenceReport {
  switch (snapshot.status) {
    case 'ready':
      return { state: 'ready' };
    case 'not-ready': {
      const reason = snapshot.notReadyReason;
      return reason && REASON_CODE.test(reason)
        ? { state: 'not_ready', reasonCode: reason }
        : { state: 'not_ready' };
    }
    // Ringing, dialing, on hold or consulting: on the phone, not free for a transfer.
    case 'offered':
    case 'dialing':
    case 'talking':
    case 'held':
    case 'consulting':
      return { state: 'talking' };
    case 'wrap-up':
      return { state: 'wrap_up' };
    case 'logged-out':
      return { state: 'logged_out' };
  }
}

export type Scheduler = {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

const realTimers: Scheduler = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type PresenceReporterOptions = {
  send: (report: PresenceReport, timeoutMs?: number) => Promise<PresenceLease>;
  warn: (message: string) => void;
  scheduler?: Scheduler;
};

const sameReport = (a: PresenceReport | null, b: PresenceReport): boolean =>
  a !== null && a.state === b.state && a.reasonCode === b.reasonCode;

/**
 * Tells the central server the agent's state on every change and renews it before its lease
 * runs out. Best effort: a report never waits for the call flow nor the call flow for a report;
 * one that fails is retried later, and meanwhile only the latest state is kept (never a queue).
 */
export class PresenceReporter {
  readonly #send: PresenceReporterOptions['send'];
  readonly #warn: (message: string) => void;
  readonly #scheduler: Scheduler;
  #active = false;
  #current: PresenceReport | null = null;
  #inFlight: Promise<void> | null = null;
  #again = false;
  #timer: unknown = null;
  #failing = false;

  constructor(options: PresenceReporterOptions) {
    this.#send = options.send;
    this.#warn = options.warn;
    this.#scheduler = options.scheduler ?? realTimers;
  }

  get active(): boolean {
    return this.#active;
  }

  /** The user signed in: report his state now and keep it renewed. */
  start(report: PresenceReport): void {
    this.#active = true;
    this.#current = report;
    void this.#flush();
  }

  /** The agent's state changed (a repeat of the same state is dropped). */
  update(report: PresenceReport): void {
    if (!this.#active || sameReport(this.#current, report)) return;
    this.#current = report;
    void this.#flush();
  }

  /**
   * Stops renewing; with `final`, tells the server once more (briefly, never retried). Without
   * it the lease simply runs out, which is what colleagues see when a desktop vanishes too.
   */
  async stop(final?: PresenceReport): Promise<void> {
    const wasActive = this.#active;
    this.#active = false;
    this.#current = null;
    this.#cancelTimer();
    await this.#inFlight;
    if (final && wasActive) {
      await this.#send(final, FINAL_REPORT_TIMEOUT_MS).catch(() => undefined);
    }
  }

  #flush(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = this.#sendLatest().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #sendLatest(): Promise<void> {
    do {
      this.#again = false;
      const report = this.#current;
      if (!this.#active || !report) return;
      this.#cancelTimer();
      try {
        const lease = await this.#send(report);
        if (this.#failing) this.#warn('presence: the central server takes reports again');
        this.#failing = false;
        this.#schedule(lease.leaseSeconds * 1000 * RENEW_AT_LEASE_SHARE);
      } catch (error) {
        // Said once per outage, not on every retry.
        if (!this.#failing) this.#warn(`presence: report failed: ${String(error)}`);
        this.#failing = true;
        this.#schedule(RETRY_MS);
      }
    } while (this.#again);
  }

  #schedule(ms: number): void {
    if (!this.#active) return;
    this.#cancelTimer();
    this.#timer = this.#scheduler.set(() => {
      this.#timer = null;
      void this.#flush();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#scheduler.clear(this.#timer);
    this.#timer = null;
  }
}
