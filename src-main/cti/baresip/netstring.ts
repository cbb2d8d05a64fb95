/**
 * Netstring framing (`<len>:<payload>,`) for baresip's ctrl_tcp socket.
 *
 * The decoder must never throw and never grow without bound: the engine is a separate process
 * and a bug or a stray writer on the port must not take the agent core down. On any framing
 * error it reports the problem and resynchronises at the next `,` terminator.
 */

export type NetstringProblem =
  'bad-length-prefix' | 'oversized' | 'missing-terminator' | 'buffer-overflow';

export interface NetstringDecoderOptions {
  /** Largest payload accepted, in bytes. baresip's biggest messages are SDP-less events (<2 KiB). */
  maxPayloadBytes: number;
  onMessage(payload: string): void;
  onProblem(problem: NetstringProblem, sample: string): void;
}

const COLON = 0x3a;
const COMMA = 0x2c;
// Enough digits for any sane maximum; a longer prefix is garbage, not a big message.
const MAX_PREFIX_DIGITS = 9;

export function encodeNetstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body, Buffer.from(',', 'ascii')]);
}

export class NetstringDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly options: NetstringDecoderOptions) {}

  /** Bytes held while waiting for the rest of a message. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.drain();
    // A well-formed frame in progress never needs more than this; anything beyond is a writer
    // that ignores the framing, so drop it rather than buffer forever.
    const limit = this.options.maxPayloadBytes + MAX_PREFIX_DIGITS + 2;
    if (this.buffer.length > limit) {
      this.report('buffer-overflow', this.buffer);
      this.buffer = Buffer.alloc(0);
    }
  }

  /** Called when the stream ends: anything left is a truncated message. */
  end(): string | undefined {
    if (this.buffer.length === 0) return undefined;
    const sample = this.buffer.subarray(0, 64).toString('utf8');
    this.buffer = Buffer.alloc(0);
    return sample;
  }

  private drain(): void {
    for (;;) {
      if (this.buffer.length === 0) return;
      const colon = this.buffer.indexOf(COLON);
      const prefixEnd = colon === -1 ? this.buffer.length : colon;
      const prefix = this.buffer.subarray(0, prefixEnd).toString('latin1');
      if (!/^\d*$/.test(prefix) || prefix.length > MAX_PREFIX_DIGITS) {
        this.skipBadFrame('bad-length-prefix');
        continue;
      }
      if (colon === -1) return; // digits so far, wait for the rest of the prefix
      if (prefix.length === 0) {
        this.skipBadFrame('bad-length-prefix');
        continue;
      }
      const length = Number(prefix);
      if (length > this.options.maxPayloadBytes) {
        this.skipBadFrame('oversized');
        continue;
      }
      const frameEnd = colon + 1 + length;
      if (this.buffer.length <= frameEnd) return; // incomplete, wait
      if (this.buffer[frameEnd] !== COMMA) {
        this.skipBadFrame('missing-terminator');
        continue;
      }
      const payload = this.buffer.subarray(colon + 1, frameEnd).toString('utf8');
      this.buffer = this.buffer.subarray(frameEnd + 1);
      this.options.onMessage(payload);
    }
  }

  /** Reports and discards everything up to and including the next `,` (or all, if none). */
  private skipBadFrame(problem: NetstringProblem): void {
    this.report(problem, this.buffer);
    // Search from 1 so that a frame starting right here is not "resynchronised" onto itself.
    const next = this.buffer.indexOf(COMMA, 1);
    this.buffer = next === -1 ? Buffer.alloc(0) : this.buffer.subarray(next + 1);
  }

  private report(problem: NetstringProblem, data: Buffer): void {
    this.options.onProblem(problem, data.subarray(0, 64).toString('utf8'));
  }
}
