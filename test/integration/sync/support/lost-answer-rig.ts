import {
  createTestDatabase,
  type TestDatabase,
} from '../../../../src-server/test-support/test-database';
import { startTcpProxy, type TcpProxy } from '../../../../src-main/sync/tcp-proxy';
import { startServer } from './fault-scenario';

export type LostAnswerRig = {
  server: Awaited<ReturnType<typeof startServer>>;
  /** Clients connect here; `proxy.setFaults({})` lets answers through again. */
  proxy: TcpProxy;
  /**
   * Arms the fault: the next work-order push reaches the server, and from then on everything
   * the server sends is lost. Resolves when that push has gone through the proxy.
   */
  loseAnswersAfterNextPush(): Promise<void>;
  close(): Promise<void>;
};

/** The real server process on a fresh database, behind a proxy that can lose a push's answer. */
export async function startLostAnswerRig(): Promise<LostAnswerRig> {
  const database: TestDatabase = await createTestDatabase();
  const server = await startServer(database.databaseUrl!);
  let onPush: (() => void) | undefined;
  const proxy: TcpProxy = await startTcpProxy(server.port, {
    onClientData(chunk) {
      const head = chunk.subarray(0, 64).toString('latin1');
      if (!onPush || !/^POST \/api\/sync\/work_orders\/push/.test(head)) return;
      const pushSeen = onPush;
      onPush = undefined;
      // The request goes through; everything the server sends from now on is lost.
      proxy.setFaults({ dropAnswers: true });
      pushSeen();
    },
  });
  return {
    server,
    proxy,
    loseAnswersAfterNextPush: () => new Promise<void>((resolve) => (onPush = resolve)),
    async close() {
      await proxy.close();
      await server.child.kill('SIGTERM');
      await database.drop();
    },
  };
}
