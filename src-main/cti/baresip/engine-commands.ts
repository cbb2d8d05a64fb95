import { CtiError } from '../cti-error.js';
import type { CtrlReply } from './ctrl-client.js';

/**
 * Runs ctrl_tcp commands and turns baresip's human-text replies into typed errors.
 *
 * In-call commands act on the engine's "current call", so each one is `callfind <id>` followed by
 * the command: two round trips that must not interleave with another pair, hence the queue.
 */
export class EngineCommands {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly send: (command: string, params: string) => Promise<CtrlReply>) {}

  /** One command, outside the queue (e.g. `uanew`). */
  async run(command: string, params = ''): Promise<string> {
    const reply = await this.send(command, params);
    const text = reply.data.trim();
    if (reply.ok) return text;
    // baresip answers "command not found" to in-call commands when no call exists.
    if (/command not found|call not found|no active call/i.test(text)) {
      throw new CtiError('no-such-call', `engine has no such call for "${command}": ${text}`);
    }
    throw new CtiError('command-failed', `engine refused "${command}": ${text}`);
  }

  /** Selects the call, then runs the command on it. Without an id: the current call. */
  onCall(sipCallId: string | undefined, command: string, params = ''): Promise<string> {
    return this.serial(async () => {
      if (sipCallId) {
        // callfind replies ok even when it found nothing; only its words tell.
        const found = await this.run('callfind', sipCallId);
        if (!/^setting current call/i.test(found)) {
          throw new CtiError('no-such-call', `engine does not know call ${sipCallId}: ${found}`);
        }
      }
      return this.run(command, params);
    });
  }

  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
