import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';
import { killAllSipp, startSipp } from '../../../test/sip/harness/sipp.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  killAllSipp();
  await engine?.dispose();
  engine = undefined;
});

/** A SIPp customer who calls `callee` and must be told 404: the engine has no such account. */
async function expectNobodyAnswersFor(callee: string): Promise<void> {
  const caller = await startSipp({
    scenario: 'caller-finds-nobody.xml',
    target: `127.0.0.1:${engine!.sipPort}`,
    keys: { caller: '5550404', callee },
  });
  const result = await caller.done;
  expect(result.code, result.output).toBe(0);
}

/** A SIPp customer calls "agent" and hangs up while it rings: the engine must offer the call. */
async function ringAndAbandon(caller: string): Promise<void> {
  const run = await startSipp({
    scenario: 'customer-abandons.xml',
    target: `127.0.0.1:${engine!.sipPort}`,
    keys: { caller },
  });
  await engine!.waitFor('offered', (e) => e.peer.number === caller);
  const result = await run.done;
  expect(result.code, result.output).toBe(0);
}

describe("BaresipLink with the signed-in user's account (real SIP)", () => {
  it('starts without an account, then takes and gives up accounts at run time', async () => {
    engine = await startTestEngine('agent', { account: undefined });
    const line = `127.0.0.1:${engine.sipPort}`;
    // No account: nobody rings here and nothing can be dialled.
    await expect(engine.link.makeCall('5551000')).rejects.toMatchObject({
      code: 'engine-unavailable',
      message: 'no SIP account is signed in on this desktop',
    });
    await expectNobodyAnswersFor('agent');

    // Another user's account: calls for "agent" still find nobody.
    await engine.link.useAccount({ aor: `sip:agent2@${line}`, displayName: '李娜' });
    await expectNobodyAnswersFor('agent');

    // "agent" signs in on this desktop: his calls ring here, agent2's no longer do.
    await engine.link.useAccount({
      aor: `sip:agent@${line}`,
      authUser: 'agent-auth',
      password: 'pw-agent-secret',
      displayName: '王芳',
    });
    await ringAndAbandon('5551001');
    await expectNobodyAnswersFor('agent2');

    // The account survives an engine crash: the restarted engine gets it again.
    process.kill(engine.link.enginePid!, 'SIGKILL');
    await engine.waitFor('engine', (e) => e.state === 'down');
    const before = engine.events.length;
    await engine.waitFor('engine', (e) => e.state === 'up' && engine!.events.indexOf(e) >= before);
    await ringAndAbandon('5551002');

    // Sign-out: the desktop has no account again.
    await engine.link.useAccount(null);
    await expectNobodyAnswersFor('agent');

    // The password was on the control socket only, never in what we logged.
    expect(JSON.stringify(engine.logger.entries)).not.toContain('pw-agent-secret');
  });

  it('refuses an account the engine could not store, naming the field and not its value', async () => {
    engine = await startTestEngine('agent', { account: undefined });
    await expect(
      engine.link.useAccount({
        aor: `sip:agent@127.0.0.1:${engine.sipPort}`,
        password: 'x;regint=1',
        displayName: '',
      }),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      message: 'the SIP account is not usable: password',
    });
    await expectNobodyAnswersFor('agent');
  });
});
