import net from 'node:net';
import { CtiError } from '../cti-error.js';
import { maskSecrets, type CtiLogger } from '../logger.js';
import { encodeNetstring, NetstringDecoder } from './netstring.js';
import { parseCtrlMessage, type CtrlEvent } from './ctrl-messages.js';

export interface CtrlReply {
  ok: boolean;
  data: string;
}

export interface CtrlClientOptions {
  host: string;
  port: number;
  logger: CtiLogger;
  commandTimeoutMs?: number;
  maxPayloadBytes?: number;
}

interface Pending {
  command: string;
  resolve(reply: CtrlReply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One connection to baresip's ctrl_tcp socket: sends commands, correlates replies by token,
 * and hands events to the listener. Malformed input is logged and skipped; a closed socket
 * fails every pending command at once instead of leaving callers to time out.
 */
export class CtrlClient {
  private socket: net.Socket | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextToken = 1;
  private closed = false;
  private readonly decoder: NetstringDecoder;
  private readonly commandTimeoutMs: number;
  private eventListener: (event: CtrlEvent) => void = () => undefined;
  private closeListener: () => void = () => undefined;

  constructor(private readonly options: CtrlClientOptions) {
    this.commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
    this.decoder = new NetstringDecoder({
      maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024,
      onMessage: (payload) => this.onPayload(payload),
      onProblem: (problem, sample) =>
        options.logger.warn(
          { problem, sample: maskSecrets(sample) },
          'ctrl_tcp: malformed netstring skipped',
        ),
    });
  }

  onEvent(listener: (event: CtrlEvent) => void): void {
    this.eventListener = listener;
  }

  /** Called once when the connection ends for any reason (not after close() by us). */
  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.closed;
  }

  connect(timeoutMs = 2_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new CtiError('timeout', `ctrl_tcp connect timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => this.decoder.push(chunk));
        socket.on('close', () => this.onSocketClosed());
        resolve();
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (this.socket === socket) {
          this.options.logger.warn({ error: error.message }, 'ctrl_tcp: socket error');
        } else {
          reject(new CtiError('engine-unavailable', `ctrl_tcp connect failed: ${error.message}`));
        }
      });
    });
  }

  command(command: string, params = '', timeoutMs = this.commandTimeoutMs): Promise<CtrlReply> {
    const socket = this.socket;
    if (!socket || this.closed) {
      return Promise.reject(new CtiError('engine-unavailable', 'the engine is not connected'));
    }
    const token = `sb${this.nextToken++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new CtiError('timeout', `engine did not answer "${command}" in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(token, { command, resolve, reject, timer });
      socket.write(encodeNetstring(JSON.stringify({ command, params, token })));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    this.failPending('the control connection was closed');
  }

  private onPayload(payload: string): void {
    const message = parseCtrlMessage(payload);
    if (message.kind === 'invalid') {
      this.options.logger.warn(
        { why: message.why, sample: maskSecrets(payload.slice(0, 64)) },
        'ctrl_tcp: message ignored',
      );
      return;
    }
    if (message.kind === 'event') {
      try {
        this.eventListener(message.event);
      } catch (error) {
        // A listener bug must not kill the socket reader and with it every later event.
        this.options.logger.error({ error: String(error) }, 'ctrl_tcp: event listener threw');
      }
      return;
    }
    const { token, ok, data } = message.response;
    const pending = token === undefined ? undefined : this.pending.get(token);
    if (!pending || token === undefined) {
      this.options.logger.warn({ token }, 'ctrl_tcp: reply with unknown token ignored');
      return;
    }
    this.pending.delete(token);
    clearTimeout(pending.timer);
    pending.resolve({ ok, data: data ?? '' });
  }

  private onSocketClosed(): void {
    const leftover = this.decoder.end();
    if (leftover !== undefined) {
      this.options.logger.warn(
        { sample: maskSecrets(leftover) },
        'ctrl_tcp: truncated message at close',
      );
    }
    if (this.closed) return;
    this.closed = true;
    this.failPending('the engine closed the control connection');
    this.closeListener();
  }

  private failPending(why: string): void {
    for (const [token, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new CtiError('engine-unavailable', `"${pending.command}" failed: ${why}`));
      this.pending.delete(token);
    }
  }
}
