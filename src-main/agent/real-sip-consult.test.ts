import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../test/sip/harness/engine.js';
import { waitForAgent } from '../../test/sip/harness/agent-wait.js';
import { killAllSipp, startSipp } from '../../test/sip/harness/sipp.js';
import { AgentSession } from './agent-session.js';
import type { AgentModel, InteractionRecord } from './agent-types.js';

const engines: TestEngine[] = [];
let session: AgentSession | undefined;

afterEach(async () => {
  killAllSipp();
  session?.dispose();
  session = undefined;
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

/** The agent (session on a real baresip) and an expert (a second real baresip). */
async function agentAndExpert() {
  const [agent, expert] = await Promise.all([startTestEngine('agent'), startTestEngine('expert')]);
  engines.push(agent, expert);
  const records: InteractionRecord[] = [];
  const s = new AgentSession({
    link: agent.link,
    wrapUpMode: { kind: 'optional' },
    sink: { write: (r) => void records.push(r) },
  });
  session = s;
  s.login();
  s.setReady();
  const until = (what: string, ok: (m: AgentModel) => boolean) => waitForAgent(s, what, ok);
  return { agent, expert, session: s, records, until };
}

describe('consult with a second baresip as the expert', () => {
  it('holds the customer, talks to the expert, returns to the customer', async () => {
    const { agent, expert, session, records, until } = await agentAndExpert();
    const customer = await startSipp({
      scenario: 'customer-held-and-resumed.xml',
      target: `127.0.0.1:${agent.sipPort}`,
      keys: { caller: '5550001' },
    });
    await until('offered', () => session.status === 'offered');
    await session.answer();
    await until('talking', () => session.status === 'talking');

    await session.consultTransfer(expert.aor);
    const ringing = await expert.waitFor('offered');
    expect(ringing.peer.number).toBe('agent');
    await expert.link.answer(ringing.callId);
    await until('consulting', (m) =>
      m.calls.some((c) => c.role === 'consult' && c.phase === 'talking'),
    );
    expect(session.status).toBe('consulting');
    await expect(session.conference()).rejects.toMatchObject({ code: 'not-supported' });

    await session.returnFromConsult();
    await until('talking again', () => session.status === 'talking');
    expect((await expert.waitFor('cleared')).reason).toBe('remote-hangup');
    await session.hangUp();
    await until('wrap-up', () => session.status === 'wrap-up');
    session.completeWrapUp();

    const result = await customer.done; // saw sendonly (consult) then sendrecv (return), then BYE
    expect(result.code, result.output).toBe(0);
    expect(records.map((r) => [r.role, r.peerNumber, r.clearReason])).toEqual([
      ['consult', 'expert', 'local-hangup'],
      ['primary', '5550001', 'local-hangup'],
    ]);
  });

  it('completes the consult by handing the customer over to the expert', async () => {
    const { agent, expert, session, records, until } = await agentAndExpert();
    const customer = await startSipp({
      scenario: 'customer-consult-transferred.xml',
      target: `127.0.0.1:${agent.sipPort}`,
      keys: { caller: '5550002' },
    });
    await until('offered', () => session.status === 'offered');
    await session.answer();
    await until('talking', () => session.status === 'talking');
    await session.consultTransfer(expert.aor);
    const consult = await expert.waitFor('offered');
    await expert.link.answer(consult.callId);
    await until('consulting', (m) =>
      m.calls.some((c) => c.role === 'consult' && c.phase === 'talking'),
    );

    await session.completeConsult();
    // The customer follows the REFER and calls the expert, who answers.
    const handedOver = await expert.waitFor('offered', (e) => e.peer.number === '5550002');
    await expert.link.answer(handedOver.callId);
    await until('wrap-up', () => session.status === 'wrap-up');
    expect(session.model.wrapUp?.draft).toMatchObject({
      peerNumber: '5550002',
      clearReason: 'transferred',
      transferredTo: expert.aor,
    });
    await expert.waitFor('cleared', (e) => e.callId === handedOver.callId); // customer's BYE
    const result = await customer.done;
    expect(result.code, result.output).toBe(0);
    expect(records[0]).toMatchObject({ role: 'consult', peerNumber: 'expert' });
  });
});
