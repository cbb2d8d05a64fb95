import type { EngineState } from '../cti-link.js';
import { CtiError } from '../cti-error.js';
import type { CtiLogger } from '../logger.js';
import { CtrlClient, type CtrlReply } from './ctrl-client.js';
import type { CtrlEvent } from './ctrl-messages.js';
import { ENGINE_HOST } from './engine-config.js';
import { EngineProcess, resolveEnginePath, type EngineExit } from './engine-process.js';

export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** A run that lasted this long resets the backoff. */
  stableAfterMs: number;
}

export interface EngineSupervisorOptions {
  enginePath: string;
  configDir: string;
  ctrlPort: number;
  logger: CtiLogger;
  restart?: Partial<RestartPolicy>;
  /** How long the control port may take to accept after spawn (~130 ms normally). */
  startTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** How long `quit` may take before SIGTERM, and SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  stopTermMs?: number;
}

const DEFAULT_RESTART: RestartPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  stableAfterMs: 30_000,
};

/**
 * Keeps one engine process and its control connection alive: start, restart with exponential
 * backoff after a crash, clean stop. A lost control connection counts as a crash: without it we
 * no longer know the call state, so the engine is killed and started afresh.
 */
export class EngineSupervisor {
  private binary: string | undefined;
  private process: EngineProcess | undefined;
  private ctrl: CtrlClient | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private launching = false;
  private upSince = 0;
  private nextDelayMs: number;
  private readonly policy: RestartPolicy;
  private eventListener: (event: CtrlEvent) => void = () => undefined;
  private stateListener: (state: EngineState, detail: string) => void = () => undefined;

  constructor(private readonly options: EngineSupervisorOptions) {
    this.policy = { ...DEFAULT_RESTART, ...options.restart };
    this.nextDelayMs = this.policy.initialDelayMs;
  }

  onEvent(listener: (event: CtrlEvent) => void): void {
    this.eventListener = listener;
  }

  onStateChange(listener: (state: EngineState, detail: string) => void): void {
    this.stateListener = listener;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  get isUp(): boolean {
    return this.ctrl?.connected ?? false;
  }

  /** First start: failures are thrown to the caller (e.g. the engine is not installed). */
  async start(): Promise<void> {
    this.binary = await resolveEnginePath(this.options.enginePath);
    this.stopped = false;
    try {
      await this.launch();
    } catch (error) {
      this.stopped = true;
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const { process, ctrl } = this;
    if (process) {
      await process.stop(
        async () => {
          await ctrl?.command('quit', '', 1_000);
        },
        this.options.stopGraceMs,
        this.options.stopTermMs,
      );
    }
    ctrl?.close();
    this.stateListener('stopped', 'stopped on request');
  }

  command(command: string, params = ''): Promise<CtrlReply> {
    if (!this.ctrl?.connected) {
      return Promise.reject(new CtiError('engine-unavailable', 'the SIP engine is not running'));
    }
    return this.ctrl.command(command, params);
  }

  private async launch(): Promise<void> {
    this.stateListener('starting', '');
    this.launching = true;
    try {
      await this.launchOnce();
    } finally {
      this.launching = false;
    }
  }

  private async launchOnce(): Promise<void> {
    const binary = this.binary;
    if (!binary) throw new CtiError('engine-not-found', 'engine path not resolved');
    const engine = new EngineProcess(binary, this.options.configDir, this.options.logger);
    this.process = engine;
    let exitedEarly: EngineExit | undefined;
    engine.start((exit) => {
      exitedEarly = exit;
      this.onExit(engine, exit);
    });
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 5_000);
    for (;;) {
      if (exitedEarly) {
        throw new CtiError(
          'engine-unavailable',
          `the SIP engine exited at start: ${describe(exitedEarly, engine)}`,
        );
      }
      const ctrl = new CtrlClient({
        host: ENGINE_HOST,
        port: this.options.ctrlPort,
        logger: this.options.logger,
        ...(this.options.commandTimeoutMs
          ? { commandTimeoutMs: this.options.commandTimeoutMs }
          : {}),
      });
      try {
        await ctrl.connect(500);
        ctrl.onEvent((event) => this.eventListener(event));
        ctrl.onClose(() => this.onCtrlLost(engine));
        this.ctrl = ctrl;
        this.upSince = Date.now();
        this.stateListener('up', `pid ${engine.pid ?? '?'}`);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          engine.stop(async () => undefined, 0, 500).catch(() => undefined);
          throw new CtiError(
            'engine-unavailable',
            `the SIP engine's control port never opened: ${String(error)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private onCtrlLost(engine: EngineProcess): void {
    if (this.stopped || this.process !== engine) return;
    this.options.logger.error(
      { pid: engine.pid },
      'control connection lost; restarting the engine',
    );
    // Killing it funnels this case into onExit, the one place that reports and restarts.
    void engine.stop(async () => undefined, 0, 1_000);
  }

  private onExit(engine: EngineProcess, exit: EngineExit): void {
    if (this.process !== engine) return;
    this.ctrl?.close();
    this.ctrl = undefined;
    // During a launch the failure is thrown to whoever launched; they decide about retrying.
    if (this.stopped || this.launching) return;
    const detail = describe(exit, engine);
    this.options.logger.error({ detail }, 'SIP engine exited unexpectedly');
    this.stateListener('down', detail);
    if (this.upSince && Date.now() - this.upSince > this.policy.stableAfterMs) {
      this.nextDelayMs = this.policy.initialDelayMs;
    }
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(this.nextDelayMs * 2, this.policy.maxDelayMs);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.launch().catch((error: unknown) => {
        this.options.logger.error({ error: String(error) }, 'engine restart failed');
        this.stateListener('down', String(error));
        if (!this.stopped) this.scheduleRestart();
      });
    }, delay);
  }
}

function describe(exit: EngineExit, engine: EngineProcess): string {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${String(exit.code)}`;
  const tail = engine.outputTail.split('\n').slice(-3).join(' | ');
  return tail ? `${how}; last output: ${tail}` : how;
}
