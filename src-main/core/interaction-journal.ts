import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { InteractionSink } from '../agent/agent-session';
import type { InteractionRecord } from '../agent/agent-types';

/**
 * Every finished call, appended and fsynced to a JSON-lines journal in the data folder before
 * the write is acknowledged, so that no call record is lost while the replica's interactions
 * collection is not wired in yet. The replica later imports from here.
 */
export class InteractionJournal implements InteractionSink {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'interactions.jsonl');
  }

  async write(record: InteractionRecord): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(record)}\n`);
    const handle = await open(this.file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
