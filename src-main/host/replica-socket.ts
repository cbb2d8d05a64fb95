import type { WebSocket } from 'ws';
import type { ReplicaChannel } from '../core/replica-channel';

/** Carries RxDB remote-storage messages between one browser tab and main's replica. */
export function serveReplica(socket: WebSocket, channel: ReplicaChannel): void {
  const connection = channel.connect((message) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  });
  socket.on('message', (data, isBinary) => {
    if (!isBinary) connection.receive(data.toString());
  });
  socket.on('close', () => connection.close());
}
