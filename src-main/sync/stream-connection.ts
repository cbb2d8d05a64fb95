import WebSocket from 'ws';
import { SYNC_PATHS, type StreamMessage } from '../../src-shared/sync/protocol';

export interface StreamOptions {
  serverUrl: string;
  getAccessToken: () => Promise<string>;
  onMessage: (message: StreamMessage) => void;
  onOnline: (online: boolean) => void;
  onError: (message: string) => void;
  /** Reconnect delays double from min to max while the server stays unreachable. */
  minDelayMs: number;
  maxDelayMs: number;
  /** A WebSocket ping goes to the server this often (default 15 s). */
  heartbeatIntervalMs?: number;
  /**
   * A link that delivers nothing (no message, ping or pong) for this long is dead and is
   * dropped, and so is a connection attempt that has not opened by then (default 30 s).
   */
  heartbeatTimeoutMs?: number;
}

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;

/**
 * Drops a socket on which nothing has arrived for `timeoutMs`. A half-open link (a laptop that
 * slept, a NAT that forgot the connection) gives no error and no close: without this the
 * stream stays "online" and its changes stop coming. Pings are protocol frames, which every
 * WebSocket server answers, so an older server needs nothing new.
 */
function keepAlive(ws: WebSocket, intervalMs: number, timeoutMs: number): () => void {
  const deadline = setTimeout(() => ws.terminate(), timeoutMs);
  const heard = () => deadline.refresh();
  const pinger = setInterval(() => {
    if (ws.readyState === ws.OPEN) ws.ping();
  }, intervalMs);
  ws.on('message', heard);
  ws.on('pong', heard);
  ws.on('ping', heard);
  return () => {
    clearTimeout(deadline);
    clearInterval(pinger);
  };
}

/**
 * The server's live stream, kept open: reconnects with exponential backoff, and after a
 * heartbeat deadline passes in silence. The server sends 'RESYNC' on every (re)connect, which
 * makes the replications pull what they missed.
 */
export function connectStream(options: StreamOptions): { close(): void } {
  let closed = false;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = options.minDelayMs;
  const intervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  const timeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;

  const retry = () => {
    if (closed) return;
    timer = setTimeout(() => void open(), delay);
    delay = Math.min(delay * 2, options.maxDelayMs);
  };
  const open = async () => {
    let token: string;
    try {
      token = await options.getAccessToken();
    } catch (error) {
      options.onError(`stream: no access token: ${(error as Error).message}`);
      return retry();
    }
    if (closed) return;
    const url = new URL(SYNC_PATHS.stream, options.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      // An upgrade that never gets an answer (the same half-open link) is given up too.
      handshakeTimeout: timeoutMs,
    });
    socket = ws;
    let stopKeepAlive = () => {};
    ws.on('open', () => {
      delay = options.minDelayMs;
      stopKeepAlive = keepAlive(ws, intervalMs, timeoutMs);
      options.onOnline(true);
    });
    ws.on('message', (data) => {
      try {
        options.onMessage(JSON.parse(String(data)) as StreamMessage);
      } catch {
        options.onError('stream: unreadable message');
      }
    });
    ws.on('error', (error) => options.onError(`stream: ${error.message}`));
    ws.on('close', () => {
      stopKeepAlive();
      if (socket !== ws) return;
      socket = undefined;
      options.onOnline(false);
      retry();
    });
  };
  void open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      const ws = socket;
      socket = undefined;
      ws?.close();
    },
  };
}
