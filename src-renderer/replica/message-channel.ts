import { Subject } from 'rxjs';
import type {
  MessageFromRemote,
  MessageToRemote,
  RemoteMessageChannel,
} from 'rxdb/plugins/storage-remote';
import type { SwitchboardBridge } from '../../src-shared/contract/bridge';
import { REPLICA_SOCKET_PATH } from '../../src-shared/contract/wire';

/** The preload's replica bridge as an RxDB remote-storage message channel (Electron). */
export function ipcMessageChannel(bridge: SwitchboardBridge['replica']): RemoteMessageChannel {
  const messages$ = new Subject<MessageFromRemote>();
  const stop = bridge.onMessage((message) => messages$.next(message as MessageFromRemote));
  return {
    send: (message: MessageToRemote) => bridge.send(message),
    messages$: messages$.asObservable(),
    close: async () => {
      stop();
      messages$.complete();
    },
  };
}

/** The browser host's replica socket as an RxDB remote-storage message channel. */
export async function websocketMessageChannel(): Promise<RemoteMessageChannel> {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${window.location.host}${REPLICA_SOCKET_PATH}`);
  const messages$ = new Subject<MessageFromRemote>();
  socket.addEventListener('message', (event) => {
    try {
      messages$.next(JSON.parse(String(event.data)) as MessageFromRemote);
    } catch {
      // The host only sends JSON; anything else is not ours to interpret.
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('replica socket failed')), {
      once: true,
    });
  });
  return {
    send: (message: MessageToRemote) => socket.send(JSON.stringify(message)),
    messages$: messages$.asObservable(),
    close: async () => {
      socket.close();
      messages$.complete();
    },
  };
}
