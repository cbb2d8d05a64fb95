import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/users';
import { bearer, login, useTestServer } from '../test-support/test-server';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

const server = useTestServer({ demoSize: 0, logLevel: 'trace', logStream: sink });

describe('logging', () => {
  it('never writes passwords or tokens, even at trace level', async () => {
    const pair = await login(server(), 'agent');
    await server().app.inject({ method: 'GET', url: '/api/me', headers: bearer(pair.accessToken) });
    await server().app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    // A failing request (bad body) is logged with its error.
    await server().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { tenant: 'demo', username: 'agent', password: DEMO_PASSWORD, extra: 1 },
    });
    const log = lines.join('');
    expect(log).toContain('"msg":"login"');
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain(pair.accessToken);
    expect(log).not.toContain(pair.refreshToken);
  });
});
