import type { ConsultHandle, CtiCallId, CtiLink } from '../cti/cti-link.js';
import { silentLogger, type CtiLogger } from '../cti/logger.js';
import { checkCommand, type CallCommand } from './agent-commands.js';
import { AgentCommandError } from './agent-error.js';
import { initialAgentModel, step } from './agent-machine.js';
import { agentStatus } from './agent-status.js';
import type {
  AgentEffect,
  AgentInput,
  AgentModel,
  AgentStatus,
  InteractionRecord,
  WrapUpMode,
} from './agent-types.js';

/** Injected so that unit tests drive wrap-up time-outs without real clocks. */
export interface TimerPort {
  set(ms: number, fire: () => void): unknown;
  clear(handle: unknown): void;
}

/** Where finished interactions go (the replica, later). */
export interface InteractionSink {
  write(record: InteractionRecord): void | Promise<void>;
}

export interface AgentSessionOptions {
  link: CtiLink;
  sink: InteractionSink;
  wrapUpMode: WrapUpMode;
  now?: () => number;
  timers?: TimerPort;
  logger?: CtiLogger;
}

const realTimers: TimerPort = {
  set: (ms, fire) => setTimeout(fire, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The impure shell around the pure call model: feeds engine events into it, checks every command
 * against it before the engine hears of it, and carries out its effects (timers, records).
 */
export class AgentSession {
  private state: AgentModel;
  private wrapUpTimer: unknown;
  private consult: ConsultHandle | undefined;
  private readonly listeners = new Set<(model: AgentModel) => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private readonly timers: TimerPort;
  private readonly logger: CtiLogger;
  /** Records the sink refused; retried before the next one, never dropped. */
  readonly unsaved: InteractionRecord[] = [];

  constructor(private readonly options: AgentSessionOptions) {
    this.state = initialAgentModel(options.wrapUpMode);
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.logger = options.logger ?? silentLogger;
    this.unsubscribe = options.link.on((event) => this.apply({ type: 'cti', event }));
  }

  get model(): AgentModel {
    return this.state;
  }

  get status(): AgentStatus {
    return agentStatus(this.state);
  }

  onChange(listener: (model: AgentModel) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    if (this.wrapUpTimer !== undefined) this.timers.clear(this.wrapUpTimer);
  }

  login(): void {
    this.apply({ type: 'login' });
  }
  logout(): void {
    this.apply({ type: 'logout' });
  }
  setReady(): void {
    this.apply({ type: 'set-ready' });
  }
  setNotReady(reasonCode: string): void {
    this.apply({ type: 'set-not-ready', reasonCode });
  }
  setNotes(notes: string): void {
    this.apply({ type: 'set-notes', notes });
  }
  completeWrapUp(result: { disposition?: string; notes?: string } = {}): void {
    this.apply({ type: 'complete-wrap-up', ...result });
  }
  acknowledgeEngineFailures(): void {
    this.apply({ type: 'acknowledge-engine-failures' });
  }

  async answer(): Promise<void> {
    await this.options.link.answer(this.target({ type: 'answer' }));
  }
  async reject(): Promise<void> {
    await this.options.link.reject(this.target({ type: 'reject' }));
  }
  async hangUp(callId?: CtiCallId): Promise<void> {
    await this.options.link.hangUp(this.target({ type: 'hang-up', ...(callId ? { callId } : {}) }));
  }
  async hold(): Promise<void> {
    await this.options.link.hold(this.target({ type: 'hold' }));
  }
  async retrieve(): Promise<void> {
    await this.options.link.retrieve(this.target({ type: 'retrieve' }));
  }
  async mute(muted: boolean): Promise<void> {
    await this.options.link.mute(this.target({ type: 'mute', muted }), muted);
  }
  async sendDtmf(digits: string): Promise<void> {
    await this.options.link.sendDtmf(this.target({ type: 'send-dtmf', digits }), digits);
  }
  async makeCall(target: string): Promise<CtiCallId> {
    checkCommand(this.state, { type: 'make-call', target });
    return this.options.link.makeCall(target);
  }
  async blindTransfer(target: string): Promise<void> {
    await this.options.link.blindTransfer(this.target({ type: 'blind-transfer', target }), target);
  }
  async consultTransfer(expert: string): Promise<void> {
    const callId = this.target({ type: 'consult-transfer', expert });
    this.consult = await this.options.link.consultTransfer(callId, expert);
  }
  async completeConsult(): Promise<void> {
    await this.options.link.completeConsultTransfer(
      this.consultHandle({ type: 'complete-consult' }),
    );
  }
  async returnFromConsult(): Promise<void> {
    await this.options.link.returnFromConsult(this.consultHandle({ type: 'return-from-consult' }));
  }
  async conference(): Promise<void> {
    // Said before any state check: no state of the call would make it possible.
    if (!this.options.link.capabilities.conference) {
      throw new AgentCommandError(
        'not-supported',
        'this phone engine cannot hold a three-party conference (it cannot mix audio)',
      );
    }
    await this.options.link.conference(this.consultHandle({ type: 'conference' }));
  }

  private target(command: CallCommand): CtiCallId {
    const { callId } = checkCommand(this.state, command);
    if (callId === undefined) throw new AgentCommandError('no-active-call', 'no call');
    return callId;
  }

  private consultHandle(command: CallCommand): ConsultHandle {
    const { callId, consultCallId } = checkCommand(this.state, command);
    if (callId === undefined || consultCallId === undefined) {
      throw new AgentCommandError('not-consulting', 'there is no consult call in progress');
    }
    return this.consult?.consultCallId === consultCallId
      ? this.consult
      : { heldCallId: callId, consultCallId };
  }

  private apply(input: AgentInput): void {
    const result = step(this.state, input, this.now());
    this.state = result.model;
    for (const effect of result.effects) this.run(effect);
    for (const listener of this.listeners) {
      try {
        listener(this.state);
      } catch (error) {
        this.logger.error({ error: String(error) }, 'agent listener threw');
      }
    }
  }

  private run(effect: AgentEffect): void {
    switch (effect.kind) {
      case 'record':
        this.save(effect.record);
        return;
      case 'start-wrap-up-timer':
        if (this.wrapUpTimer !== undefined) this.timers.clear(this.wrapUpTimer);
        this.wrapUpTimer = this.timers.set(effect.ms, () => {
          this.wrapUpTimer = undefined;
          this.apply({ type: 'wrap-up-timeout' });
        });
        return;
      case 'cancel-wrap-up-timer':
        if (this.wrapUpTimer !== undefined) this.timers.clear(this.wrapUpTimer);
        this.wrapUpTimer = undefined;
        return;
      case 'engine-failure':
        this.logger.error({ detail: effect.detail, callIds: effect.callIds }, 'engine failure');
        return;
    }
  }

  private save(record: InteractionRecord): void {
    const queue = [...this.unsaved.splice(0), record];
    for (const next of queue) {
      try {
        const written = this.options.sink.write(next);
        if (written instanceof Promise) {
          written.catch((error: unknown) => this.keepUnsaved(next, error));
        }
      } catch (error) {
        this.keepUnsaved(next, error);
      }
    }
  }

  private keepUnsaved(record: InteractionRecord, error: unknown): void {
    this.logger.error({ callId: record.callId, error: String(error) }, 'interaction not saved');
    this.unsaved.push(record);
  }
}
