import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';
import { killAllSipp, startSipp } from '../../../test/sip/harness/sipp.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  killAllSipp();
  await engine?.dispose();
  engine = undefined;
});

describe('BaresipLink with a real SIPp customer (inbound)', () => {
  it('offers, answers, holds, resumes, sends DTMF and hangs up', async () => {
    engine = await startTestEngine();
    const customer = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5551234' },
      rtpEcho: true,
    });
    const offered = await engine.waitFor('offered');
    expect(offered.peer.number).toBe('5551234');
    expect(offered.peer.displayName).toBe('Customer');
    await engine.link.answer(offered.callId);
    await engine.waitFor('established', (e) => e.callId === offered.callId);
    await engine.link.mute(offered.callId, true);
    await engine.link.mute(offered.callId, false);
    expect(engine.events.filter((e) => e.type === 'muted').map((e) => e.muted)).toEqual([
      true,
      false,
    ]);
    await engine.link.hold(offered.callId);
    await engine.waitFor('held');
    await engine.link.retrieve(offered.callId);
    await engine.waitFor('retrieved');
    await engine.link.sendDtmf(offered.callId, '5');
    // SIPp echoes our RTP, so the RFC 4733 digit comes back to baresip as a received digit.
    const dtmf = await engine.waitFor('dtmf', (e) => e.callId === offered.callId);
    expect(dtmf.digit).toBe('5');
    await engine.link.hangUp(offered.callId);
    const cleared = await engine.waitFor('cleared', (e) => e.callId === offered.callId);
    expect(cleared.reason).toBe('local-hangup');
    const result = await customer.done;
    expect(result.code, result.output).toBe(0);
  });

  it('rejects a ringing call: the customer gets 486', async () => {
    engine = await startTestEngine();
    const customer = await startSipp({
      scenario: 'customer-rejected.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5558888' },
    });
    const offered = await engine.waitFor('offered');
    await engine.link.reject(offered.callId);
    expect((await engine.waitFor('cleared')).reason).toBe('rejected');
    const result = await customer.done;
    expect(result.code, result.output).toBe(0);
  });

  it('refuses commands for calls it does not have, without disturbing the engine', async () => {
    engine = await startTestEngine();
    await expect(engine.link.hold('call-99')).rejects.toMatchObject({ code: 'no-such-call' });
    await expect(engine.link.makeCall('not a number')).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(
      engine.link.conference({ heldCallId: 'a', consultCallId: 'b' }),
    ).rejects.toMatchObject({
      code: 'not-supported',
      message: expect.stringContaining('cannot mix audio'),
    });
  });
});
