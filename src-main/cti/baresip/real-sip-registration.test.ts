import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';
import { killAllSipp, startSipp } from '../../../test/sip/harness/sipp.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  killAllSipp();
  await engine?.dispose();
  engine = undefined;
});

describe('BaresipLink registering with a registrar (real SIP)', () => {
  it('registers the agent account with its password', async () => {
    const registrar = await startSipp({
      scenario: 'registrar.xml',
      keys: { user: 'agent1', password: 's3cret' },
    });
    engine = await startTestEngine('agent', {
      account: {
        aor: `sip:agent1@127.0.0.1:${registrar.port}`,
        password: 's3cret',
        registrar: `sip:127.0.0.1:${registrar.port}`,
        displayName: 'Agent One',
      },
    });
    const registered = await engine.waitFor('registration', (e) => e.state !== 'registering');
    expect(registered.state).toBe('registered');
    const result = await registrar.done;
    expect(result.code, result.output).toBe(0);
  });

  it('reports a refused registration', async () => {
    const registrar = await startSipp({
      scenario: 'registrar.xml',
      keys: { user: 'agent1', password: 'other' },
    });
    engine = await startTestEngine('agent', {
      account: {
        aor: `sip:agent1@127.0.0.1:${registrar.port}`,
        password: 's3cret',
        registrar: `sip:127.0.0.1:${registrar.port}`,
        displayName: '',
      },
    });
    const outcome = await engine.waitFor('registration', (e) => e.state !== 'registering');
    expect(outcome.state).toBe('failed');
    expect(outcome.detail).toContain('403');
  });
});
