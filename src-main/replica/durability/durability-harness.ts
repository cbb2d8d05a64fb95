import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInstance, itemSchema, testStorage, type Item } from '../storage/test-helpers';

const WRITER = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));

export type KillRunResult = {
  acknowledged: number;
  missing: string[];
  integrity: string;
};

/**
 * One run: start the writer, SIGKILL it after a random number of acknowledged writes plus
 * a random delay, then check that every acknowledged write is in the reopened database
 * at its acknowledged revision (or a later one for updated documents) and that
 * integrity_check is ok. Runs accumulate in the same folder: each one recovers the
 * previous one's WAL.
 */
export async function killRun(
  dir: string,
  startId: number,
  random: () => number,
): Promise<KillRunResult> {
  const acked = new Map<string, string>();
  const killAfterAcks = 5 + Math.floor(random() * 400);
  const extraDelayMs = Math.floor(random() * 30);
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(startId)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let buffered = '';
  let killScheduled = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [tag, id, rev] = line.split(' ');
      if (tag === 'ack' && id && rev) acked.set(id, rev);
    }
    if (!killScheduled && acked.size >= killAfterAcks) {
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
    }
  });
  await exited;
  if (!killScheduled) throw new Error(`writer exited before being killed: ${stderr}`);

  const db = new Database(join(dir, 'durability.sqlite'));
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  db.close();
  const inst = await createInstance<Item>(testStorage(dir), itemSchema(), 'durability', 'items');
  const found = new Map(
    (await inst.findDocumentsById([...acked.keys()], true)).map((d) => [d.id, d._rev]),
  );
  await inst.close();
  const revHeight = (rev: string) => Number(rev.split('-')[0]);
  const missing = [...acked].filter(([id, rev]) => {
    const have = found.get(id);
    return !have || revHeight(have) < revHeight(rev);
  });
  return { acknowledged: acked.size, missing: missing.map(([id]) => id), integrity };
}
