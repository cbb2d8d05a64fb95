import { CtiError } from '../cti-error.js';
import type {
  ConsultHandle,
  CtiCallId,
  CtiCapabilities,
  CtiEvent,
  CtiLink,
  CtiListener,
  EngineState,
} from '../cti-link.js';
import { silentLogger, type CtiLogger } from '../logger.js';
import { CallTracker, type TrackedCall } from './call-tracker.js';
import type { CtrlEvent } from './ctrl-messages.js';
import type { BaresipLinkOptions } from './baresip-link-options.js';
import {
  renderAccountLine,
  sipAccountSchema,
  writeEngineConfig,
  type SipAccount,
} from './engine-config.js';
import { EngineCommands } from './engine-commands.js';
import { EngineSupervisor } from './engine-supervisor.js';
import { mapRegistrationEvent } from './registration-events.js';
import { toTargetUri } from './target-uri.js';

const DTMF_DIGITS = /^[0-9*#A-D]+$/;

export type { BaresipLinkOptions } from './baresip-link-options.js';

/** The CtiLink on a local baresip 1.0 driven over ctrl_tcp. */
export class BaresipLink implements CtiLink {
  readonly capabilities: CtiCapabilities = {
    blindTransfer: true,
    // baresip 1.0 has no REFER-with-Replaces; consult completes as consult-then-blind.
    attendedTransfer: false,
    conference: false,
  };

  private readonly listeners = new Set<CtiListener>();
  private readonly tracker = new CallTracker();
  private readonly supervisor: EngineSupervisor;
  private readonly logger: CtiLogger;
  private readonly setupTimers = new Map<CtiCallId, NodeJS.Timeout>();
  private readonly commands: EngineCommands;
  /** The account the engine has (or gets at its next start), and its `uanew` line. */
  private account: { aor: string; line: string } | null = null;
  /** What the running engine has been given (null after every engine start). */
  private installed: { aor: string; line: string } | null = null;
  private accountQueue: Promise<void> = Promise.resolve();
  private accountReady: Promise<void> = Promise.resolve();
  private engineUp = false;

  constructor(private readonly options: BaresipLinkOptions) {
    // Validates the account up front: a bad setting fails here, not at the first call.
    if (options.account) {
      this.account = { aor: options.account.aor, line: renderAccountLine(options.account) };
    }
    this.logger = options.logger ?? silentLogger;
    this.supervisor = new EngineSupervisor({
      enginePath: options.enginePath ?? 'baresip',
      configDir: options.configDir,
      ctrlPort: options.ports.ctrl,
      logger: this.logger,
      ...(options.restart ? { restart: options.restart } : {}),
      ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
      ...(options.stopGraceMs !== undefined ? { stopGraceMs: options.stopGraceMs } : {}),
      ...(options.stopTermMs !== undefined ? { stopTermMs: options.stopTermMs } : {}),
    });
    this.commands = new EngineCommands((command, params) =>
      this.supervisor.command(command, params),
    );
    this.supervisor.onEvent((event) => this.onEngineEvent(event));
    this.supervisor.onStateChange((state, detail) => this.onEngineState(state, detail));
  }

  /** The engine's process id: for diagnostics (and for the crash tests). */
  get enginePid(): number | undefined {
    return this.supervisor.pid;
  }

  async start(): Promise<void> {
    await writeEngineConfig(this.options.configDir, {
      ports: this.options.ports,
      ...(this.options.modulePath ? { modulePath: this.options.modulePath } : {}),
    });
    await this.supervisor.start();
    await this.accountReady;
  }

  private onEngineState(state: EngineState, detail: string): void {
    if (state === 'down' || state === 'stopped') {
      // Calls cannot survive their engine: report each one, never drop it silently. A stop we
      // asked for hangs them up (quit sends BYEs); a crash loses them.
      for (const timer of this.setupTimers.values()) clearTimeout(timer);
      this.setupTimers.clear();
      const cleared =
        state === 'down'
          ? this.tracker.clearAll('engine-failure', `SIP engine failure: ${detail}`)
          : this.tracker.clearAll('local-hangup', 'the SIP engine was stopped');
      for (const event of cleared) this.emit(event);
    }
    this.engineUp = state === 'up';
    // A new engine run starts with no account at all.
    if (state !== 'up') this.installed = null;
    if (state !== 'up') {
      this.emit({ type: 'engine', state, detail });
      return;
    }
    // Every engine run starts without our account (see renderAccountLine): add it, then say up.
    this.accountReady = this.reconcileAccount().then(() =>
      this.emit({ type: 'engine', state, detail }),
    );
    this.accountReady.catch((error: unknown) =>
      this.logger.error({ error: String(error) }, 'could not add the SIP account'),
    );
  }

  /**
   * Gives the engine the signed-in user's account (null: none, after sign-out). The previous
   * account is removed first, so a desktop never rings for the user who left it. Kept for
   * every later engine restart.
   */
  useAccount(account: SipAccount | null): Promise<void> {
    let next: { aor: string; line: string } | null = null;
    if (account) {
      const valid = sipAccountSchema.safeParse(account);
      if (!valid.success) {
        // Names the fields, never their values (one of them is the password).
        const fields = valid.error.issues.map((issue) => issue.path.join('.')).join(', ');
        return Promise.reject(
          new CtiError('invalid-argument', `the SIP account is not usable: ${fields}`),
        );
      }
      next = { aor: valid.data.aor, line: renderAccountLine(valid.data) };
    }
    this.account = next;
    return this.reconcileAccount();
  }

  /** Brings the engine's account in line with ours: one change at a time, in order. */
  private reconcileAccount(): Promise<void> {
    const task = async (): Promise<void> => {
      if (!this.engineUp || this.installed?.line === this.account?.line) return;
      if (this.installed) {
        const reply = await this.supervisor.command('uadel', this.installed.aor);
        // "No such file or directory": the engine no longer had it; nothing to remove.
        if (!reply.ok) this.logger.warn({ aor: this.installed.aor }, 'engine had no such account');
        this.installed = null;
      }
      const wanted = this.account;
      if (wanted) {
        await this.addAccount(wanted.line);
        this.installed = wanted;
      }
    };
    const run = this.accountQueue.then(task, task);
    this.accountQueue = run.catch(() => undefined);
    return run;
  }

  private requireAor(): string {
    if (!this.account) {
      throw new CtiError('engine-unavailable', 'no SIP account is signed in on this desktop');
    }
    return this.account.aor;
  }

  private async addAccount(line: string): Promise<void> {
    const reply = await this.supervisor.command('uanew', line);
    if (!reply.ok) {
      this.emit({
        type: 'registration',
        state: 'failed',
        detail: 'the engine refused the account',
      });
      throw new CtiError('command-failed', 'the SIP engine refused the agent account');
    }
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
  }

  on(listener: CtiListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async answer(callId: CtiCallId): Promise<void> {
    await this.inCall(callId, 'accept');
  }

  async reject(callId: CtiCallId): Promise<void> {
    const call = this.call(callId);
    call.intent = 'reject';
    await this.inCall(callId, 'hangup'); // baresip answers 486 to a call still ringing
  }

  async hangUp(callId: CtiCallId): Promise<void> {
    await this.inCall(callId, 'hangup');
  }

  async hold(callId: CtiCallId): Promise<void> {
    const call = await this.inCall(callId, 'hold');
    // There is no HOLD event in baresip 1.0: the command's success is the state change.
    call.held = true;
    this.emit({ type: 'held', ...ids(call) });
  }

  async retrieve(callId: CtiCallId): Promise<void> {
    const call = await this.inCall(callId, 'resume');
    call.held = false;
    this.emit({ type: 'retrieved', ...ids(call) });
  }

  async mute(callId: CtiCallId, muted: boolean): Promise<void> {
    if (this.call(callId).muted === muted) return;
    const call = await this.inCall(callId, 'mute'); // a toggle in baresip: only send on change
    call.muted = muted;
    this.emit({ type: 'muted', ...ids(call), muted });
  }

  async sendDtmf(callId: CtiCallId, digits: string): Promise<void> {
    if (!DTMF_DIGITS.test(digits)) {
      throw new CtiError('invalid-argument', `"${digits}" is not a DTMF sequence (0-9 * # A-D)`);
    }
    await this.inCall(callId, 'sndcode', digits);
  }

  async makeCall(target: string): Promise<CtiCallId> {
    const uri = toTargetUri(target, this.requireAor());
    return this.commands.serial(async () => {
      const call = this.tracker.addOutbound(uri);
      this.emit({
        type: 'originated',
        direction: 'outbound',
        peer: call.peer,
        callId: call.callId,
      });
      try {
        await this.commands.run('dial', uri);
      } catch (error) {
        this.tracker.remove(call.callId);
        this.emit({
          type: 'cleared',
          callId: call.callId,
          reason: 'failed',
          detail: String(error),
        });
        throw error;
      }
      this.armSetupTimer(call);
      return call.callId;
    });
  }

  async blindTransfer(callId: CtiCallId, target: string): Promise<void> {
    const uri = toTargetUri(target, this.requireAor());
    this.call(callId).transferTarget = uri;
    await this.inCall(callId, 'transfer', uri);
  }

  async consultTransfer(callId: CtiCallId, expert: string): Promise<ConsultHandle> {
    if (!this.call(callId).held) await this.hold(callId);
    const consultCallId = await this.makeCall(expert);
    return { heldCallId: callId, consultCallId };
  }

  async completeConsultTransfer(consult: ConsultHandle): Promise<void> {
    // Semi-attended: the expert agreed on the consult leg; we drop that leg and REFER the
    // customer to the same address (baresip 1.0 cannot REFER with Replaces). Dropping the leg
    // makes baresip resume the customer for the moment before the REFER (see call-tracker).
    const expert = this.tracker.get(consult.consultCallId);
    if (!expert) throw new CtiError('no-such-call', 'the consult call has already ended');
    const expertUri = expert.peer.uri;
    await this.endConsultLeg(consult.consultCallId);
    await this.blindTransfer(consult.heldCallId, expertUri);
  }

  async returnFromConsult(consult: ConsultHandle): Promise<void> {
    await this.endConsultLeg(consult.consultCallId);
    // Normally baresip has resumed the customer by itself; only ask if it has not.
    if (this.call(consult.heldCallId).held) await this.retrieve(consult.heldCallId);
  }

  /** Hangs up the consult call and waits until the engine has really closed it. */
  private async endConsultLeg(consultCallId: CtiCallId): Promise<void> {
    if (!this.tracker.get(consultCallId)) return;
    const closed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new CtiError('timeout', 'the consult call did not end'));
      }, this.options.commandTimeoutMs ?? 5_000);
      const off = this.on((event) => {
        if (event.type !== 'cleared' || event.callId !== consultCallId) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
    await this.hangUp(consultCallId).catch((error: unknown) => {
      // It may have ended on its own in the meantime; the wait below settles that.
      this.logger.warn({ error: String(error) }, 'consult hang-up refused');
    });
    await closed;
  }

  conference(_consult: ConsultHandle): Promise<void> {
    return Promise.reject(
      new CtiError(
        'not-supported',
        'Conference is not supported by the baresip 1.0 engine: it cannot mix audio of two calls.',
      ),
    );
  }

  private onEngineEvent(event: CtrlEvent): void {
    const registration = mapRegistrationEvent(event);
    if (registration) {
      this.emit(registration);
      return;
    }
    const events = this.tracker.handle(event);
    if (events.length === 0) this.logger.debug({ type: event.type }, 'engine event not mapped');
    for (const mapped of events) {
      if (mapped.type === 'ringing' || mapped.type === 'established' || mapped.type === 'cleared') {
        clearTimeout(this.setupTimers.get(mapped.callId));
        this.setupTimers.delete(mapped.callId);
      }
      this.emit(mapped);
    }
  }

  private armSetupTimer(call: TrackedCall): void {
    const ms = this.options.setupTimeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      this.setupTimers.delete(call.callId);
      if (!this.tracker.get(call.callId)) return;
      this.logger.warn({ callId: call.callId, ms }, 'no answer from the far end; giving up');
      call.intent = 'setup-timeout';
      this.hangUp(call.callId).catch((error: unknown) => {
        this.logger.error({ error: String(error) }, 'could not abandon the unreachable call');
      });
    }, ms);
    this.setupTimers.set(call.callId, timer);
  }

  private call(callId: CtiCallId): TrackedCall {
    const call = this.tracker.get(callId);
    if (!call) throw new CtiError('no-such-call', `no call ${callId} on this line`);
    return call;
  }

  /** Runs one command on the call; before its first event with an id, a dialled call is the
   * engine's current call anyway. */
  private async inCall(callId: CtiCallId, command: string, params = ''): Promise<TrackedCall> {
    const call = this.call(callId);
    await this.commands.onCall(call.sipCallId, command, params);
    return call;
  }

  private emit(event: CtiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ error: String(error), type: event.type }, 'CTI listener threw');
      }
    }
  }
}

function ids(call: TrackedCall): { callId: CtiCallId; sipCallId?: string } {
  return call.sipCallId
    ? { callId: call.callId, sipCallId: call.sipCallId }
    : { callId: call.callId };
}
