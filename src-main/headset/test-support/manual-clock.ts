import type { Clock } from '../telephony-driver';

/** A clock the test moves by hand; no real time is read anywhere in the logic tests. */
export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
