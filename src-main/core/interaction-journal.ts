import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { InteractionSink } from '../agent/agent-session';
import type { InteractionRecord } from '../agent/agent-types';

/**
 * Every finished call, appended and fsynced to a JSON-lines journal in the data folder before
 * the write is acknowledged: the full record, including what the replica's interactions
 * documents leave out (SIP Call-ID and status, transfer target, disposition source).
 */
export class InteractionJournal implements InteractionSink {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'interactions.jsonl');
  }

  async write(record: InteractionRecord): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const handle = await open(this.file, 'a');
    try {
      await handle.write(`${JSON.stringify(record)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
