/**
 * One agent's replica as its own process, running the real client code (openReplica on a
 * replica file, startSync) so that fault runs can SIGKILL it in mid-push and start it again on
 * the same file. Commands arrive as JSON lines on stdin, answers leave as JSON lines on stdout:
 *
 *   {"id":1,"op":"edit","workOrderId":…,"description"?:…,"note"?:…,"priority"?:…}
 *     -> {"id":1,"ok":true,"base":<description before the edit>} once the replica committed it
 *   {"id":2,"op":"sync"}  -> {"id":2,"ok":true} when every collection pushed and pulled
 *   {"id":3,"op":"dump"}  -> {"id":3,"ok":true,"workOrders":[…],"conflicts":[…]}
 *   {"id":4,"op":"stop"}  -> {"id":4,"ok":true}, then exit
 *   {"id":5,"op":"dieBeforePullMeta","workOrderId":…} -> {"id":5,"ok":true}; the next pull of
 *     that order is written to the replica, then the process SIGKILLs itself before RxDB
 *     writes the order's assumed master state (its replication meta): the gap RxDB's pull
 *     leaves between the two writes, hit every time.
 */
import { createInterface } from 'node:readline';
import type { RxCollection } from 'rxdb';
import type { ConflictDoc } from '../../../../src-shared/rxdb/conflicts';
import { openReplica } from '../../../../src-main/replica/open-replica';
import { SqliteStorageInstance } from '../../../../src-main/replica/storage/sqlite-storage-instance';
import { startSync } from '../../../../src-main/sync/start-sync';

type Command = {
  id: number;
  op: 'edit' | 'sync' | 'dump' | 'stop' | 'dieBeforePullMeta';
  workOrderId?: string;
  description?: string;
  note?: string;
  priority?: number;
};

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs in through the (faulty) proxy, retrying until it answers. */
async function login(serverUrl: string, username: string) {
  for (;;) {
    // A timer that holds the event loop: AbortSignal.timeout's does not, and a fetch whose
    // connection was reset can leave nothing else to hold it (the process then exits 0).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const response = await fetch(`${serverUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'demo', username, password: 'switchboard-demo' }),
        signal: abort.signal,
      });
      if (response.ok) {
        return (await response.json()) as { accessToken: string; user: { id: string } };
      }
    } catch {
      // The proxy reset or refused the connection: try again.
    } finally {
      clearTimeout(timer);
    }
    await sleep(100);
  }
}

/** RxDB tags its pull's document writes so (its meta row follows in a write of its own). */
const PULL_CONTEXT = 'replication-downstream-';

/** The work order whose next pulled state kills this process before its meta row is written. */
let dieBeforePullMetaOf: string | undefined;

/** Installed before the replica opens: its instances bind bulkWrite when they are created. */
function watchPullMetaWrites(): void {
  const prototype = SqliteStorageInstance.prototype as unknown as {
    bulkWrite(rows: { document: { id?: string } }[], context: string): Promise<unknown>;
  };
  const bulkWrite = prototype.bulkWrite;
  prototype.bulkWrite = function (rows, context) {
    const docId = dieBeforePullMetaOf;
    const written = bulkWrite.call(this, rows, context);
    const pulled = (row: { document: { id?: string } }) => row.document.id === docId;
    if (context.startsWith(PULL_CONTEXT) && rows.some(pulled)) {
      // Committed, and nothing after it: not RxDB's meta row, not its upstream checkpoint.
      void written.then(() => process.kill(process.pid, 'SIGKILL'));
    }
    return written;
  };
}

let phase = 'start';
// An event loop that runs dry mid-start exits 0 silently; say where it was.
process.on('exit', (code) =>
  process.stderr.write(`fault-client exits ${code} in phase ${phase}\n`),
);

async function main(): Promise<void> {
  const serverUrl = env('FAULT_SERVER_URL');
  phase = 'login';
  const pair = await login(serverUrl, env('FAULT_USERNAME'));
  phase = 'open replica';
  watchPullMetaWrites();
  const db = await openReplica({ dataDir: env('FAULT_DATA_DIR'), devMode: false });
  phase = 'start sync';
  const sync = await startSync({
    database: db,
    serverUrl,
    getAccessToken: async () => pair.accessToken,
    retryTimeMs: 100,
    // A push whose answer is swallowed is retried after this (the default is 30 s).
    requestTimeoutMs: Number(process.env['FAULT_REQUEST_TIMEOUT_MS'] ?? 30_000),
    reconnectMinMs: 50,
    reconnectMaxMs: 400,
    // As the agent core starts it (no load worker, decision 0024); FAULT_INITIAL_LOAD=1: with.
    initialLoad: process.env['FAULT_INITIAL_LOAD'] === '1',
  });
  const conflicts = () =>
    (db as unknown as { conflicts: RxCollection<ConflictDoc> }).conflicts.find().exec();

  const handle = async (command: Command): Promise<object> => {
    switch (command.op) {
      case 'edit': {
        const doc = await db.work_orders.findOne(command.workOrderId!).exec();
        if (!doc) throw new Error(`no work order ${command.workOrderId}`);
        let base = '';
        await doc.incrementalModify((data) => {
          // RxDB may run this again on a concurrent write: the last run is the committed one.
          base = data.description;
          if (command.description !== undefined) data.description = command.description;
          if (command.priority !== undefined) data.priority = command.priority;
          if (command.note !== undefined) {
            data.history = [
              ...data.history,
              { at: Date.now(), by: pair.user.id, action: 'note', note: command.note },
            ];
          }
          return data;
        });
        return { base };
      }
      case 'sync':
        await sync.awaitInSync();
        return {};
      case 'dump':
        return {
          workOrders: (await db.work_orders.find().exec()).map((d) => d.toJSON()),
          conflicts: (await conflicts()).map((d) => d.toJSON()),
        };
      case 'dieBeforePullMeta':
        dieBeforePullMetaOf = command.workOrderId!;
        return {};
      case 'stop':
        await sync.stop();
        await db.close();
        return {};
    }
  };

  phase = 'serve';
  send({ ready: true, userId: pair.user.id });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line) as Command;
    // Edits run one after the other (as a user types); sync and dump may overlap them.
    try {
      send({ id: command.id, ok: true, ...(await handle(command)) });
    } catch (error) {
      send({ id: command.id, ok: false, error: (error as Error).message });
    }
    if (command.op === 'stop') process.exit(0);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
