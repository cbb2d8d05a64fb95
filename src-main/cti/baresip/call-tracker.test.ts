import { describe, expect, it } from 'vitest';
import { CallTracker } from './call-tracker.js';
import { classifyClear } from './clear-reason.js';

const base = { event: true as const, class: 'call', accountaor: 'sip:agent@127.0.0.1:5070' };

describe('baresip event mapping', () => {
  it('binds a dialled call to its SIP Call-ID on the first event that has one', () => {
    const tracker = new CallTracker();
    const call = tracker.addOutbound('sip:5550000@127.0.0.1:5090');
    const noId = { ...base, direction: 'outgoing', peeruri: 'sip:5550000@127.0.0.1:5090' };
    expect(tracker.handle({ ...noId, type: 'CALL_LOCAL_SDP', class: 'other' })).toEqual([]);
    expect(tracker.handle({ ...noId, type: 'CALL_RINGING', id: 'abc' })).toEqual([
      { type: 'ringing', callId: call.callId, sipCallId: 'abc' },
    ]);
    expect(
      tracker.handle({ ...noId, type: 'CALL_CLOSED', id: 'abc', param: '486 Busy Here' }),
    ).toEqual([
      {
        type: 'cleared',
        callId: call.callId,
        sipCallId: 'abc',
        reason: 'busy',
        detail: '486 Busy Here',
        sipStatus: 486,
      },
    ]);
    expect(tracker.size).toBe(0);
  });

  it('offers an incoming call with the caller number and ignores unknown events', () => {
    const tracker = new CallTracker();
    const [offered] = tracker.handle({
      ...base,
      type: 'CALL_INCOMING',
      direction: 'incoming',
      peeruri: 'sip:%2B8613800138000@10.0.0.1',
      peerdisplayname: '张三',
      id: 'sip-1',
    });
    expect(offered).toMatchObject({
      type: 'offered',
      peer: { number: '+8613800138000', displayName: '张三' },
    });
    expect(tracker.handle({ ...base, type: 'CALL_WHATEVER', id: 'sip-1' })).toEqual([]);
    expect(tracker.handle({ ...base, type: 'CALL_ESTABLISHED', id: 'unknown' })).toEqual([]);
  });

  it('clears every call as an engine failure', () => {
    const tracker = new CallTracker();
    tracker.addOutbound('sip:a@b');
    expect(tracker.clearAll('engine-failure', 'killed')).toMatchObject([
      { type: 'cleared', reason: 'engine-failure' },
    ]);
  });

  it('classifies baresip close reasons', () => {
    expect(classifyClear('Connection reset by user').reason).toBe('local-hangup');
    expect(classifyClear('Connection reset by user', 'reject').reason).toBe('rejected');
    expect(classifyClear('Connection reset by peer').reason).toBe('remote-hangup');
    expect(classifyClear('Connection timed out').reason).toBe('unreachable');
    expect(classifyClear('Call transfered').reason).toBe('transferred');
    expect(classifyClear('603 Decline')).toEqual({ reason: 'rejected', sipStatus: 603 });
    expect(classifyClear('404 Not Found')).toEqual({ reason: 'unreachable', sipStatus: 404 });
    expect(classifyClear('something new').reason).toBe('failed');
  });
});
