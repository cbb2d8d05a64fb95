import type { CallOutcome } from '../../src-shared/contract/errors';

export type EventListener = (event: string, payload: unknown) => void;

/** How the renderer reaches the agent core: Electron IPC in the app, WebSocket in a browser. */
export type Transport = {
  readonly kind: 'ipc' | 'websocket';
  call(command: string, args: unknown): Promise<CallOutcome>;
  subscribe(listener: EventListener): () => void;
};
