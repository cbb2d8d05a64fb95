/**
 * The provider-neutral CTI link. The agent core only ever talks to this interface, so that a
 * later provider (e.g. Asterisk AMI) plugs in without touching the call model.
 *
 * Call ids are the LINK's own ids (stable from the first moment we know of a call): an outgoing
 * call exists before the engine tells us its SIP Call-ID, so we cannot key calls by that.
 */

export type CtiCallId = string;
export type CallDirection = 'inbound' | 'outbound';

export interface PeerInfo {
  /** Full URI as the engine reported it, e.g. `sip:5551234@127.0.0.1:5090`. */
  readonly uri: string;
  /** The user part of the URI: the caller's number for a PSTN-style caller. */
  readonly number: string;
  readonly displayName?: string;
}

export type ClearReason =
  | 'local-hangup'
  | 'remote-hangup'
  | 'busy'
  | 'unreachable'
  | 'rejected'
  | 'transferred'
  | 'engine-failure'
  | 'failed';

export type EngineState = 'starting' | 'up' | 'down' | 'stopped';
export type RegistrationState = 'registering' | 'registered' | 'failed' | 'unregistered';

interface CallEventBase {
  readonly callId: CtiCallId;
  /** Protocol call id (SIP Call-ID) when known; absent for a dialled call's earliest moments. */
  readonly sipCallId?: string;
}

export type CtiEvent =
  | (CallEventBase & { type: 'offered'; direction: 'inbound'; peer: PeerInfo })
  | (CallEventBase & { type: 'originated'; direction: 'outbound'; peer: PeerInfo })
  | (CallEventBase & { type: 'ringing' })
  | (CallEventBase & { type: 'established' })
  | (CallEventBase & { type: 'held' })
  | (CallEventBase & { type: 'retrieved' })
  | (CallEventBase & { type: 'muted'; muted: boolean })
  | (CallEventBase & { type: 'transferred'; target: string })
  | (CallEventBase & { type: 'transfer-failed'; detail: string })
  | (CallEventBase & { type: 'conferenced' })
  | (CallEventBase & { type: 'dtmf'; digit: string })
  | (CallEventBase & {
      type: 'cleared';
      reason: ClearReason;
      /** Engine's own words, kept for the interaction record and for support. */
      detail: string;
      sipStatus?: number;
    })
  | { type: 'registration'; state: RegistrationState; detail: string }
  | { type: 'engine'; state: EngineState; detail: string };

export type CtiEventType = CtiEvent['type'];
export type CtiListener = (event: CtiEvent) => void;

export interface CtiCapabilities {
  readonly blindTransfer: boolean;
  /** A true attended transfer (REFER with Replaces). */
  readonly attendedTransfer: boolean;
  /** Three-party audio mixing. */
  readonly conference: boolean;
}

export interface ConsultHandle {
  /** The customer's call, now on hold. */
  readonly heldCallId: CtiCallId;
  /** The new call to the expert. */
  readonly consultCallId: CtiCallId;
}

export interface CtiLink {
  readonly capabilities: CtiCapabilities;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Returns an unsubscribe function. */
  on(listener: CtiListener): () => void;

  answer(callId: CtiCallId): Promise<void>;
  reject(callId: CtiCallId): Promise<void>;
  hangUp(callId: CtiCallId): Promise<void>;
  hold(callId: CtiCallId): Promise<void>;
  retrieve(callId: CtiCallId): Promise<void>;
  mute(callId: CtiCallId, muted: boolean): Promise<void>;
  sendDtmf(callId: CtiCallId, digits: string): Promise<void>;
  /** Resolves with the new call's id as soon as the engine accepted the dial. */
  makeCall(target: string): Promise<CtiCallId>;
  blindTransfer(callId: CtiCallId, target: string): Promise<void>;
  /** Holds the customer and calls the expert. */
  consultTransfer(callId: CtiCallId, expert: string): Promise<ConsultHandle>;
  /** Hands the customer over to the expert. */
  completeConsultTransfer(consult: ConsultHandle): Promise<void>;
  /** Drops the expert and takes the customer back. */
  returnFromConsult(consult: ConsultHandle): Promise<void>;
  conference(consult: ConsultHandle): Promise<void>;
}
