import { afterEach, describe, expect, it } from 'vitest';
import { freePortBlock } from '../../../test/sip/harness/ports.js';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';
import { killAllSipp, startSipp } from '../../../test/sip/harness/sipp.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  killAllSipp();
  await engine?.dispose();
  engine = undefined;
});

describe('BaresipLink placing real SIP calls (outbound)', () => {
  it('reports busy when the far end answers 486', async () => {
    engine = await startTestEngine();
    const busy = await startSipp({ scenario: 'busy-line.xml' });
    const callId = await engine.link.makeCall(busy.uri('5550000'));
    const cleared = await engine.waitFor('cleared', (e) => e.callId === callId);
    expect(cleared).toMatchObject({ reason: 'busy', sipStatus: 486 });
    expect(engine.events.find((e) => e.type === 'originated')).toMatchObject({
      callId,
      peer: { number: '5550000' },
    });
    const result = await busy.done;
    expect(result.code, result.output).toBe(0);
  });

  it('gives up on a number where nothing listens, within the setup timeout', async () => {
    // Over UDP baresip alone would wait 32 s (Timer B): our setup timeout bounds it.
    engine = await startTestEngine('agent', { setupTimeoutMs: 1_000 });
    const deadPort = await freePortBlock(1);
    const callId = await engine.link.makeCall(`sip:5559999@127.0.0.1:${deadPort}`);
    const cleared = await engine.waitFor('cleared', (e) => e.callId === callId, 5_000);
    expect(cleared.reason).toBe('unreachable');
  });

  it('connects to a SIPp that answers, and hangs up', async () => {
    engine = await startTestEngine();
    const uas = await startSipp({ scenario: 'answers-and-waits-for-bye.xml' });
    const callId = await engine.link.makeCall(uas.uri('5551111'));
    await engine.waitFor('ringing', (e) => e.callId === callId);
    const established = await engine.waitFor('established', (e) => e.callId === callId);
    expect(established.sipCallId).toBeTruthy();
    await engine.link.hangUp(callId);
    expect((await engine.waitFor('cleared', (e) => e.callId === callId)).reason).toBe(
      'local-hangup',
    );
    const result = await uas.done;
    expect(result.code, result.output).toBe(0);
  });
});
