import { getRxStorageRemote, type RxStorageRemote } from 'rxdb/plugins/storage-remote';
import { ipcMessageChannel, websocketMessageChannel } from './message-channel';

/**
 * The renderer's RxDB storage: main's replica, reached over RxDB's remote-storage protocol
 * (IPC in Electron, WebSocket in the browser host). Data never lives in the renderer.
 */
export function replicaStorage(): RxStorageRemote {
  const bridge = window.switchboard?.replica;
  return getRxStorageRemote({
    identifier: 'switchboard-replica',
    mode: 'one',
    messageChannelCreator: bridge
      ? () => Promise.resolve(ipcMessageChannel(bridge))
      : websocketMessageChannel,
  });
}
