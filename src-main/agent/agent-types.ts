import type {
  CallDirection,
  ClearReason,
  CtiCallId,
  CtiEvent,
  EngineState,
  PeerInfo,
  RegistrationState,
} from '../cti/cti-link.js';

/** Where the agent returns to when no call or wrap-up is in the way. */
export type Presence =
  { kind: 'logged-out' } | { kind: 'ready' } | { kind: 'not-ready'; reasonCode: string };

/** What the agent console shows. Derived from the model, never stored, so it cannot drift. */
export type AgentStatus =
  | 'logged-out'
  | 'ready'
  | 'not-ready'
  | 'offered'
  | 'dialing'
  | 'talking'
  | 'held'
  | 'consulting'
  | 'wrap-up';

export type CallPhase = 'offered' | 'dialing' | 'ringing' | 'talking' | 'held';

/**
 * `primary` is the customer call; `consult` an agent-placed call while the primary is up;
 * `extra` a call that arrived while the agent was already busy (kept and recorded, not focused).
 */
export type CallRole = 'primary' | 'consult' | 'extra';

export interface CallModel {
  readonly callId: CtiCallId;
  readonly sipCallId?: string;
  readonly direction: CallDirection;
  readonly peer: PeerInfo;
  readonly role: CallRole;
  readonly phase: CallPhase;
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly holdStartedAt?: number;
  readonly holdMs: number;
  readonly muted: boolean;
  readonly transferredTo?: string;
  readonly notes: string;
}

export type WrapUpMode =
  | { kind: 'optional' }
  | { kind: 'mandatory' }
  | { kind: 'timed'; timeoutMs: number; defaultDisposition: string };

export type DispositionSource = 'agent' | 'timeout' | 'none';

/** Plain data, ready for the replica's interactions collection. */
export interface InteractionRecord {
  readonly callId: CtiCallId;
  readonly sipCallId?: string;
  readonly direction: CallDirection;
  readonly role: CallRole;
  readonly peerUri: string;
  readonly peerNumber: string;
  readonly peerName?: string;
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt: number;
  readonly wrapUpEndedAt?: number;
  readonly talkMs: number;
  readonly holdMs: number;
  readonly clearReason: ClearReason;
  readonly clearDetail: string;
  readonly sipStatus?: number;
  /** The caller hung up while it was still ringing at the agent. */
  readonly abandoned: boolean;
  /** The engine died under this call: the call was lost, not ended by anyone. */
  readonly engineFailure: boolean;
  readonly transferredTo?: string;
  readonly disposition?: string;
  readonly dispositionSource: DispositionSource;
  readonly notes: string;
}

export interface WrapUpState {
  /** The finished call's record, waiting for disposition and notes. */
  readonly draft: InteractionRecord;
  readonly startedAt: number;
}

export interface AgentModel {
  readonly presence: Presence;
  readonly wrapUpMode: WrapUpMode;
  readonly calls: readonly CallModel[];
  readonly wrapUp?: WrapUpState;
  readonly engine: EngineState;
  readonly registration?: RegistrationState;
  /** Engine failures seen, newest last: shown to the agent until acknowledged. */
  readonly engineFailures: readonly { at: number; detail: string; callIds: CtiCallId[] }[];
}

export type AgentInput =
  | { type: 'cti'; event: CtiEvent }
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'set-ready' }
  | { type: 'set-not-ready'; reasonCode: string }
  | { type: 'set-notes'; notes: string }
  | { type: 'complete-wrap-up'; disposition?: string; notes?: string }
  | { type: 'wrap-up-timeout' }
  | { type: 'acknowledge-engine-failures' };

/** What the impure shell must do after a step. */
export type AgentEffect =
  | { kind: 'record'; record: InteractionRecord }
  | { kind: 'start-wrap-up-timer'; ms: number }
  | { kind: 'cancel-wrap-up-timer' }
  | { kind: 'engine-failure'; detail: string; callIds: CtiCallId[] };

export interface StepResult {
  readonly model: AgentModel;
  readonly effects: readonly AgentEffect[];
}
