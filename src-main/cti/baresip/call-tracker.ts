import type { CallDirection, ClearReason, CtiCallId, CtiEvent, PeerInfo } from '../cti-link.js';
import type { CtrlEvent } from './ctrl-messages.js';
import { classifyClear, type LocalIntent } from './clear-reason.js';

export interface TrackedCall {
  readonly callId: CtiCallId;
  readonly direction: CallDirection;
  readonly peer: PeerInfo;
  sipCallId?: string;
  established: boolean;
  held: boolean;
  muted: boolean;
  intent?: LocalIntent;
  transferTarget?: string;
}

export function peerFromUri(uri: string, displayName?: string): PeerInfo {
  const match = /^sips?:([^@;>]+)@/i.exec(uri);
  const number = match?.[1] !== undefined ? decodeURIComponent(match[1]) : uri;
  return displayName ? { uri, number, displayName } : { uri, number };
}

/**
 * Turns baresip's event stream into CTI events and keeps our call ids stable.
 *
 * Pure bookkeeping, no I/O: unit-testable with recorded events. Known baresip 1.0 quirk handled
 * here: a dialled call's first events carry no `id`, so outgoing calls are matched on peeruri
 * until an event with an id binds them.
 */
export class CallTracker {
  private readonly calls = new Map<CtiCallId, TrackedCall>();
  private counter = 0;

  get size(): number {
    return this.calls.size;
  }

  all(): TrackedCall[] {
    return [...this.calls.values()];
  }

  get(callId: CtiCallId): TrackedCall | undefined {
    return this.calls.get(callId);
  }

  addOutbound(uri: string): TrackedCall {
    const call: TrackedCall = {
      callId: this.newId(),
      direction: 'outbound',
      peer: peerFromUri(uri),
      established: false,
      held: false,
      muted: false,
    };
    this.calls.set(call.callId, call);
    return call;
  }

  /** Forgets a call without an event (e.g. the engine refused the dial outright). */
  remove(callId: CtiCallId): void {
    this.calls.delete(callId);
  }

  handle(event: CtrlEvent): CtiEvent[] {
    if (event.class !== undefined && event.class !== 'call') return [];
    switch (event.type) {
      case 'CALL_INCOMING':
        return this.onIncoming(event);
      case 'CALL_RINGING':
      case 'CALL_PROGRESS':
        return this.withCall(event, (call) => [{ type: 'ringing', ...ids(call) }]);
      case 'CALL_ESTABLISHED':
        return this.withCall(event, (call) => {
          call.established = true;
          return [{ type: 'established', ...ids(call) }];
        });
      case 'CALL_DTMF_START':
        return this.withCall(event, (call) =>
          event.param ? [{ type: 'dtmf', ...ids(call), digit: event.param }] : [],
        );
      case 'CALL_TRANSFER_FAILED':
        return this.withCall(event, (call) => [
          { type: 'transfer-failed', ...ids(call), detail: event.param ?? '' },
        ]);
      case 'CALL_CLOSED':
        return this.withCall(event, (call) => this.close(call, event.param ?? ''));
      default:
        return [];
    }
  }

  /** Every live call ends, e.g. when the engine process died or was stopped. */
  clearAll(reason: ClearReason, detail: string): CtiEvent[] {
    const events: CtiEvent[] = this.all().map((call) => ({
      type: 'cleared',
      ...ids(call),
      reason,
      detail,
    }));
    this.calls.clear();
    return events;
  }

  private onIncoming(event: CtrlEvent): CtiEvent[] {
    if (!event.id || !event.peeruri) return [];
    if (this.findBySipId(event.id)) return [];
    const call: TrackedCall = {
      callId: this.newId(),
      direction: 'inbound',
      peer: peerFromUri(event.peeruri, event.peerdisplayname),
      sipCallId: event.id,
      established: false,
      held: false,
      muted: false,
    };
    this.calls.set(call.callId, call);
    return [{ type: 'offered', direction: 'inbound', peer: call.peer, ...ids(call) }];
  }

  private close(call: TrackedCall, param: string): CtiEvent[] {
    this.calls.delete(call.callId);
    const { reason, sipStatus } = classifyClear(param, call.intent);
    const events: CtiEvent[] = [];
    if (reason === 'transferred') {
      events.push({ type: 'transferred', ...ids(call), target: call.transferTarget ?? '' });
    }
    events.push({
      type: 'cleared',
      ...ids(call),
      reason,
      detail: param,
      ...(sipStatus === undefined ? {} : { sipStatus }),
    });
    // Verified on baresip 1.0: when a connected call ends (either side) and one held call is
    // left, the menu module makes it current AND resumes it (re-INVITE sendrecv), without any
    // event. Mirror that here so that nobody believes the customer is still on hold.
    const remaining = this.all();
    const [left] = remaining;
    if (call.established && remaining.length === 1 && left?.held) {
      left.held = false;
      events.push({ type: 'retrieved', ...ids(left) });
    }
    return events;
  }

  private withCall(event: CtrlEvent, fn: (call: TrackedCall) => CtiEvent[]): CtiEvent[] {
    const call = this.resolve(event);
    return call ? fn(call) : [];
  }

  private resolve(event: CtrlEvent): TrackedCall | undefined {
    if (event.id) {
      const known = this.findBySipId(event.id);
      if (known) return known;
    }
    if (event.direction !== 'outgoing') return undefined;
    const unbound = this.all().filter((c) => c.direction === 'outbound' && !c.sipCallId);
    const call = unbound.find((c) => c.peer.uri === event.peeruri) ?? unbound[0];
    if (call && event.id) call.sipCallId = event.id;
    return call;
  }

  private findBySipId(sipCallId: string): TrackedCall | undefined {
    return this.all().find((c) => c.sipCallId === sipCallId);
  }

  private newId(): CtiCallId {
    this.counter += 1;
    return `call-${this.counter}`;
  }
}

function ids(call: TrackedCall): { callId: CtiCallId; sipCallId?: string } {
  return call.sipCallId
    ? { callId: call.callId, sipCallId: call.sipCallId }
    : { callId: call.callId };
}
