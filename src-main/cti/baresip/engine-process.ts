import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { CtiError } from '../cti-error.js';
import { maskSecrets, type CtiLogger } from '../logger.js';

// Built from a string: a literal regex with an escape character trips eslint's no-control-regex.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when we asked it to stop. */
  expected: boolean;
}

/** Finds the engine binary up front, so a missing package is one clear error, not ENOENT later. */
export async function resolveEnginePath(enginePath: string): Promise<string> {
  const candidates = enginePath.includes(path.sep)
    ? [enginePath]
    : (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, enginePath));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new CtiError(
    'engine-not-found',
    `SIP engine "${enginePath}" was not found or is not executable. ` +
      'Install the Debian package baresip-core, or set the engine path in the settings.',
  );
}

/**
 * One run of the engine process. Restart policy lives with the caller; this class only spawns,
 * remembers the last output lines for diagnostics, and stops with escalation.
 */
export class EngineProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private exited: Promise<EngineExit> | undefined;
  private readonly tail: string[] = [];

  constructor(
    private readonly binary: string,
    private readonly configDir: string,
    private readonly logger: CtiLogger,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Last lines the engine printed: attached to failure reports. */
  get outputTail(): string {
    return this.tail.join('\n');
  }

  start(onExit: (exit: EngineExit) => void): void {
    // stdin must be /dev/null ('ignore'): baresip reads its console otherwise.
    const child = spawn(this.binary, ['-f', this.configDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      for (let line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        // baresip echoes account lines (`Creating UA for ...`): never keep the password.
        line = maskSecrets(line);
        // Drop the ANSI colour codes baresip prints, so that reports read cleanly.
        line = line.replace(ANSI_COLOUR, '');
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        this.logger.debug({ line }, 'engine output');
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      let done = false;
      const finish = (exit: EngineExit) => {
        if (done) return;
        done = true;
        resolve(exit);
        onExit(exit);
      };
      child.once('error', (error) => {
        this.tail.push(`spawn error: ${error.message}`);
        finish({ code: null, signal: null, expected: this.stopping });
      });
      child.once('exit', (code, signal) => finish({ code, signal, expected: this.stopping }));
    });
  }

  /**
   * `quit` lets baresip send BYEs and unregister; SIGTERM and then SIGKILL make sure that a hung
   * engine never outlives the app (it would hold the SIP port and block the next start).
   */
  async stop(quit: () => Promise<void>, graceMs = 3_000, termMs = 2_000): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    if (!child || !exited || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    await quit().catch(() => undefined);
    if (await settlesWithin(exited, graceMs)) return;
    this.logger.warn({ pid: child.pid }, 'engine ignored quit, sending SIGTERM');
    child.kill('SIGTERM');
    if (await settlesWithin(exited, termMs)) return;
    this.logger.warn({ pid: child.pid }, 'engine ignored SIGTERM, sending SIGKILL');
    child.kill('SIGKILL');
    await exited;
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}
