import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError, type ContractErrorCode } from '../../src-shared/contract/errors';
import type { AgentSnapshot, ScreenPop } from '../../src-shared/domain/agent';
import { AgentCommandError } from '../agent/agent-error';
import type { AgentSession } from '../agent/agent-session';
import type { AgentModel } from '../agent/agent-types';
import { CtiError } from '../cti/cti-error';
import { noTelephonySnapshot, toSnapshot } from './agent-snapshot';
import type { CoreEvents } from './core-events';

type AgentCommandName = Extract<
  keyof CommandHandlers,
  `agent.${string}` | `call.${string}` | `wrapUp.${string}`
>;
export type AgentHandlers = Pick<CommandHandlers, AgentCommandName>;

/** Finds the caller in the replica (or wherever the core looks customers up). */
export type CallerLookup = (rawNumber: string) => Promise<Omit<ScreenPop, 'callId' | 'rawNumber'>>;

export type AgentDeskOptions = {
  session: AgentSession | null;
  events: CoreEvents;
  lookupCaller: CallerLookup;
  warn: (message: string) => void;
  now?: () => number;
};

export type AgentDesk = {
  handlers: AgentHandlers;
  /** The user signed in: the agent logs in to telephony (not ready until he says so). */
  signIn(): void;
  /** Refused while calls or wrap-up are in progress. */
  signOut(): void;
  /**
   * Why the signed-in user cannot take calls on this desktop (no SIP account on the server,
   * the server could not be asked), or null. While set, the agent stays logged out of
   * telephony and call commands answer 'unavailable' with this reason.
   */
  setAccountProblem(problem: string | null): void;
  /** The customer the screen pop found for a call (kept until the next call is offered). */
  customerFor(callId: string): string | undefined;
  dispose(): void;
};

/**
 * Binds the call model (AgentSession) to the contract: commands in, snapshots and screen pops
 * out. Without a softphone engine every call command answers 'unavailable'.
 */
export function createAgentDesk(options: AgentDeskOptions): AgentDesk {
  const { session, events } = options;
  const now = options.now ?? Date.now;
  let since = now();
  let lastStatus: AgentSnapshot['status'] | null = null;
  const popped = new Set<string>();
  const customers = new Map<string, string>();
  let accountProblem: string | null = null;

  const snapshot = (): AgentSnapshot => {
    const base = session ? toSnapshot(session.model, since) : noTelephonySnapshot(since);
    return accountProblem ? { ...base, accountProblem } : base;
  };

  const onModel = (model: AgentModel): void => {
    const next = toSnapshot(model, since);
    if (next.status !== lastStatus) {
      since = now();
      lastStatus = next.status;
    }
    events.emit('agent.changed', { ...snapshot(), since });
    popNewCallers(model);
  };

  const popNewCallers = (model: AgentModel): void => {
    const present = new Set(model.calls.map((call) => call.callId));
    for (const callId of popped) if (!present.has(callId)) popped.delete(callId);
    for (const call of model.calls) {
      if (call.direction !== 'inbound' || call.phase !== 'offered' || popped.has(call.callId)) {
        continue;
      }
      popped.add(call.callId);
      const rawNumber = call.peer.number;
      options
        .lookupCaller(rawNumber)
        .then((found) => {
          customers.clear();
          if (found.customer) customers.set(call.callId, found.customer.id);
          events.emit('call.screenPop', { callId: call.callId, rawNumber, ...found });
        })
        .catch((error: unknown) => options.warn(`screen pop lookup failed: ${String(error)}`));
    }
  };

  const stop = session?.onChange(onModel);

  /** Runs a command against the session and answers with the resulting snapshot. */
  const act =
    <A>(run: (session: AgentSession, args: A) => unknown) =>
    async (args: A): Promise<AgentSnapshot> => {
      if (!session) {
        throw new ContractError({
          code: 'unavailable',
          message: 'no softphone engine is configured on this desktop',
        });
      }
      if (accountProblem) throw new ContractError({ code: 'unavailable', message: accountProblem });
      try {
        await run(session, args);
      } catch (error) {
        throw toContractError(error);
      }
      return snapshot();
    };

  return {
    handlers: {
      'agent.get': async () => snapshot(),
      'agent.setReady': act((s) => s.setReady()),
      'agent.setNotReady': act((s, { reasonCode }) => s.setNotReady(reasonCode)),
      'call.answer': act((s) => s.answer()),
      'call.reject': act((s) => s.reject()),
      'call.hangUp': act((s) => s.hangUp()),
      'call.hold': act((s) => s.hold()),
      'call.retrieve': act((s) => s.retrieve()),
      'call.setMuted': act((s, { muted }) => s.mute(muted)),
      'call.sendDtmf': act((s, { digits }) => s.sendDtmf(digits)),
      'call.dial': act((s, { target }) => s.makeCall(target)),
      'call.blindTransfer': act((s, { target }) => s.blindTransfer(target)),
      'call.startConsult': act((s, { target }) => s.consultTransfer(target)),
      'call.completeConsult': act((s) => s.completeConsult()),
      'call.returnFromConsult': act((s) => s.returnFromConsult()),
      'call.conference': act((s) => s.conference()),
      'call.setNotes': act((s, { notes }) => s.setNotes(notes)),
      'wrapUp.complete': act((s, { disposition, notes, next }) => {
        s.completeWrapUp({
          ...(disposition ? { disposition } : {}),
          ...(notes !== undefined ? { notes } : {}),
        });
        if (next.status === 'ready') s.setReady();
        else s.setNotReady(next.reasonCode);
      }),
    },
    signIn() {
      if (accountProblem) return;
      if (session && session.model.presence.kind === 'logged-out') session.login();
    },
    setAccountProblem(problem) {
      if (problem === accountProblem) return;
      accountProblem = problem;
      events.emit('agent.changed', snapshot());
    },
    signOut() {
      if (!session || session.model.presence.kind === 'logged-out') return;
      try {
        session.logout();
      } catch (error) {
        throw toContractError(error);
      }
    },
    customerFor: (callId) => customers.get(callId),
    dispose() {
      stop?.();
    },
  };
}

const AGENT_ERROR_CODES: Partial<Record<AgentCommandError['code'], ContractErrorCode>> = {
  'invalid-argument': 'bad_request',
  'not-supported': 'not_supported',
};

const CTI_ERROR_CODES: Record<CtiError['code'], ContractErrorCode> = {
  'engine-not-found': 'unavailable',
  'engine-unavailable': 'unavailable',
  timeout: 'unavailable',
  'command-failed': 'unavailable',
  'no-such-call': 'invalid_state',
  'invalid-argument': 'bad_request',
  'not-supported': 'not_supported',
};

function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof AgentCommandError) {
    return new ContractError({
      code: AGENT_ERROR_CODES[error.code] ?? 'invalid_state',
      message: error.message,
    });
  }
  if (error instanceof CtiError) {
    return new ContractError({ code: CTI_ERROR_CODES[error.code], message: error.message });
  }
  throw error;
}
