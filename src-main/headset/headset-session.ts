import { EventEmitter } from 'node:events';
import type { CallIndication, HeadsetEvent, TelephonyDriver } from './telephony-driver';
import type { HidDeviceLike } from './transport';

interface SessionEvents {
  event: [HeadsetEvent];
  error: [Error];
}

/**
 * Binds a TelephonyDriver to an open device: input reports in, events out, writes serialized
 * (HIDAsync.write is async and a later LED state must never overtake an earlier one). Bad reports
 * and failed writes become 'error' events; nothing here throws into node-hid's read loop.
 */
export class HeadsetSession extends EventEmitter<SessionEvents> {
  private queue: Promise<void> = Promise.resolve();
  private closing = false;
  private closed = false;

  constructor(
    private readonly device: HidDeviceLike,
    private readonly driver: TelephonyDriver,
  ) {
    super();
    device.on('data', (data) => this.onData(data));
    device.on('error', (error) => this.fail(error));
  }

  /** Writes the initial LED state; resolves once written. */
  start(): Promise<void> {
    return this.enqueue(this.driver.start());
  }

  /** Shows a call state on the headset; resolves once the needed reports are written. */
  indicate(desired: CallIndication): Promise<void> {
    return this.enqueue(this.driver.indicate(desired));
  }

  /** Stops reading, lets queued writes finish, then closes the device. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.queue;
    this.closed = true;
    await this.device.close();
  }

  /** Resolves when every write queued so far has been handed to the device. */
  flush(): Promise<void> {
    return this.queue;
  }

  private onData(data: Buffer): void {
    if (this.closing) return;
    let result;
    try {
      result = this.driver.handleInput(new Uint8Array(data));
    } catch (error) {
      this.fail(error);
      return;
    }
    void this.enqueue(result.writes);
    for (const event of result.events) this.emit('event', event);
  }

  private enqueue(writes: Uint8Array[]): Promise<void> {
    for (const bytes of writes) {
      this.queue = this.queue
        .then(async () => {
          if (!this.closed) await this.device.write(Array.from(bytes));
        })
        .catch((error: unknown) => this.fail(error));
    }
    return this.queue;
  }

  /** An 'error' emit without a listener would throw into node-hid's read loop; warn instead. */
  private fail(error: unknown): void {
    const err = asError(error);
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else console.warn(`headset: ${err.message}`);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
