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
}

/**
 * The server's live stream, kept open: reconnects with exponential backoff. The server sends
 * 'RESYNC' on every (re)connect, which makes the replications pull what they missed.
 */
export function connectStream(options: StreamOptions): { close(): void } {
  let closed = false;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = options.minDelayMs;

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
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    socket = ws;
    ws.on('open', () => {
      delay = options.minDelayMs;
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
