import { CallOutcomeSchema, type CallOutcome } from '../../src-shared/contract/errors';
import type { ClientFrame } from '../../src-shared/contract/wire';
import type { EventListener, Transport } from './transport';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

type Pending = { resolve: (outcome: CallOutcome) => void };

/**
 * The browser host's transport: one WebSocket to the core, reconnecting with backoff. A call
 * made while the socket is down waits for it; calls in flight when it drops fail as
 * unreachable rather than hang.
 */
export function createWebSocketTransport(url: string): Transport {
  const listeners = new Set<EventListener>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let attempt = 0;
  let socket: WebSocket;
  let opened: Promise<void>;

  const connect = (): void => {
    socket = new WebSocket(url);
    opened = new Promise((resolve) => socket.addEventListener('open', () => resolve()));
    socket.addEventListener('open', () => {
      attempt = 0;
    });
    socket.addEventListener('message', (message) => receive(String(message.data)));
    socket.addEventListener('close', () => {
      for (const [id, call] of pending) {
        pending.delete(id);
        call.resolve({
          ok: false,
          error: { code: 'server_unreachable', message: 'lost the connection to the agent core' },
        });
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      setTimeout(connect, delay);
    });
  };

  const receive = (text: string): void => {
    let frame: { type?: unknown; id?: unknown; event?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'event' && typeof frame.event === 'string') {
      for (const listener of listeners) listener(frame.event, frame.payload);
    } else if (frame.type === 'result' && typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      const outcome = CallOutcomeSchema.safeParse(frame);
      if (!call || !outcome.success) return;
      pending.delete(frame.id);
      call.resolve(outcome.data);
    }
  };

  connect();

  return {
    kind: 'websocket',
    async call(command, args) {
      await opened;
      const id = nextId++;
      const frame: ClientFrame = { type: 'call', id, command, args };
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, { resolve });
        socket.send(JSON.stringify(frame));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
