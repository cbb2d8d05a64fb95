import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_REPLICA_CHANNEL } from '../../src-shared/contract/wire';
import type { ReplicaChannel, ReplicaConnection } from '../core/replica-channel';
import { isTrustedSender } from '../core/sender-policy';
import { senderFrameOf } from './sender-frame';

/**
 * The replica's remote-storage channel over IPC: what rxdb/plugins/electron does, plus the
 * sender check every IPC message gets here (the plugin has none). One connection per window.
 */
export function registerReplicaIpc(
  ipcMain: IpcMain,
  channel: ReplicaChannel,
  trustedOrigins: readonly string[],
  warn: (message: string) => void,
): void {
  const connections = new Map<number, ReplicaConnection>();
  const connectionFor = (contents: WebContents): ReplicaConnection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      connection = channel.connect((message) => {
        if (!contents.isDestroyed()) contents.send(IPC_REPLICA_CHANNEL, message);
      });
      connections.set(contents.id, connection);
      contents.once('destroyed', () => {
        connections.get(contents.id)?.close();
        connections.delete(contents.id);
      });
    }
    return connection;
  };
  ipcMain.on(IPC_REPLICA_CHANNEL, (event: IpcMainEvent, message: unknown) => {
    if (!isTrustedSender(senderFrameOf(event), trustedOrigins)) {
      warn('replica message from an untrusted frame dropped');
      return;
    }
    connectionFor(event.sender).receive(message);
  });
}
