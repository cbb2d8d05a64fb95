import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';
import { killAllSipp, startSipp } from '../../../test/sip/harness/sipp.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  killAllSipp();
  await engine?.dispose();
  engine = undefined;
});

describe('BaresipLink transfers (real SIP)', () => {
  it('blind-transfers the customer to a second SIPp with REFER', async () => {
    engine = await startTestEngine();
    const target = await startSipp({ scenario: 'answers-and-waits-for-bye.xml' });
    const customer = await startSipp({
      scenario: 'customer-blind-transferred.xml',
      target: `127.0.0.1:${engine.sipPort}`,
      keys: { caller: '5552468' },
    });
    const offered = await engine.waitFor('offered');
    await engine.link.answer(offered.callId);
    await engine.waitFor('established');
    await engine.link.blindTransfer(offered.callId, target.uri('sales'));
    const transferred = await engine.waitFor('transferred');
    expect(transferred).toMatchObject({ callId: offered.callId, target: target.uri('sales') });
    expect((await engine.waitFor('cleared')).reason).toBe('transferred');
    const [customerResult, targetResult] = await Promise.all([customer.done, target.done]);
    expect(customerResult.code, customerResult.output).toBe(0);
    expect(targetResult.code, targetResult.output).toBe(0);
  });
});
