import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The connection settings the thread applies (sqlite-connection.ts's ConnectionPragmas). */
type WriterPragmas = { busyTimeoutMs: number; synchronous: 'FULL' | 'NORMAL' };

/** One write transaction: the revisions it assumes, then the statements to run. */
export type WriteBatch = {
  /** `SELECT rev FROM <table> WHERE id = ?` of the table the checks refer to. */
  revSql: string;
  /** [document id, revision the write was prepared against (null: did not exist)]. */
  checks: [string, string | null][];
  ops: [sql: string, params: unknown[]][];
};

/**
 * The thread's code, self-contained (no TypeScript, no bundler entry): it only runs SQL. It is
 * evaluated from this string so that it loads the same way under tsx, vitest and the Electron
 * build. better-sqlite3's path comes from the main thread's resolution.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.filename, { timeout: workerData.busyTimeoutMs });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('foreign_keys = ON');
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
};
const write = db.transaction((batch) => {
  const revOf = prepare(batch.revSql);
  for (const [id, rev] of batch.checks) {
    const row = revOf.get(id);
    if ((row ? row.rev : null) !== rev) return false;
  }
  for (const [sql, params] of batch.ops) prepare(sql).run(...params);
  return true;
});
// Blob parameters arrive packed (see pack()): [op, param, offset, length] into one buffer.
const unpack = (batch) => {
  const { slots, bytes } = batch.blobs;
  for (let i = 0; i < slots.length; i += 4) {
    batch.ops[slots[i]][1][slots[i + 1]] = Buffer.from(bytes, slots[i + 2], slots[i + 3]);
  }
  return batch;
};
parentPort.on('message', ({ id, batch }) => {
  if (batch) unpack(batch);
  if (!batch) {
    db.close();
    parentPort.postMessage({ id, done: true });
    return;
  }
  try {
    parentPort.postMessage({ id, done: write.immediate(batch) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/**
 * Index keys are small Buffers, ten and more per row: cloned one by one into the thread they
 * cost more than the rest of the message. They travel as one transferred buffer instead.
 */
function pack(batch: WriteBatch) {
  let total = 0;
  for (const [, params] of batch.ops) {
    for (const param of params) if (param instanceof Uint8Array) total += param.length;
  }
  const bytes = new Uint8Array(total);
  const slots: number[] = [];
  let offset = 0;
  const ops = batch.ops.map(([sql, params], op): [string, unknown[]] => [
    sql,
    params.map((param, index) => {
      if (!(param instanceof Uint8Array)) return param;
      bytes.set(param, offset);
      slots.push(op, index, offset, param.length);
      offset += param.length;
      return null;
    }),
  ]);
  const blobs = { slots: Int32Array.from(slots), bytes: bytes.buffer };
  return {
    message: { ...batch, ops, blobs },
    transfer: [blobs.slots.buffer, blobs.bytes] as ArrayBuffer[],
  };
}

type Reply = { id: number; done?: boolean; error?: { message: string; code?: string } };

/**
 * A thread with its own connection to one replica file that runs the write transactions:
 * the row inserts and the commit's fsync (synchronous = FULL, docs/decisions/0003) happen
 * there, not in the agent core's event loop (docs/decisions/0013). Reads stay on the main
 * thread's connection; WAL lets them run while the thread writes.
 */
export class WriterThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Reply) => void }>();
  #nextId = 0;
  #failure: Error | null = null;

  constructor(filename: string, pragmas: WriterPragmas) {
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filename, betterSqlite3, ...pragmas },
    });
    // The replica must not keep a finished process alive.
    this.#worker.unref();
    this.#worker.on('message', (reply: Reply) => {
      this.#pending.get(reply.id)?.resolve(reply);
      this.#pending.delete(reply.id);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`replica writer exited (${code})`)));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const { resolve } of this.#pending.values()) {
      resolve({ id: -1, error: { message: error.message } });
    }
    this.#pending.clear();
  }

  #send(batch: WriteBatch | null): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      if (!batch) return this.#worker.postMessage({ id, batch });
      const { message, transfer } = pack(batch);
      this.#worker.postMessage({ id, batch: message }, transfer);
    });
  }

  /** Commits the batch; false when a check failed (another process wrote), nothing written. */
  async write(batch: WriteBatch): Promise<boolean> {
    const reply = await this.#send(batch);
    if (reply.error) {
      throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    }
    return reply.done === true;
  }

  async close(): Promise<void> {
    if (!this.#failure) await this.#send(null).catch(() => undefined);
    this.#failure ??= new Error('replica writer is closed');
    await this.#worker.terminate();
  }
}
