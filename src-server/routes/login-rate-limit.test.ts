import { describe, expect, it } from 'vitest';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { DEMO_PASSWORD } from '../demo/users';
import { useTestServer } from '../test-support/test-server';

// A long window: the test never depends on the clock moving or standing still.
const server = useTestServer({ demoSize: 0, loginRateLimit: { max: 3, timeWindowMs: 3_600_000 } });

function attempt(username: string, password: string, ip = '10.0.0.1') {
  return server().app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    payload: { tenant: 'demo', username, password },
  });
}

describe('login rate limit', () => {
  it('answers 429 past the limit, per address and username', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await attempt('agent', 'wrong-password')).statusCode).toBe(401);
    }
    const limited = await attempt('agent', DEMO_PASSWORD);
    expect(limited.statusCode).toBe(429);
    const body = ServerErrorBodySchema.parse(limited.json());
    expect(body.error.code).toBe('rate_limited');

    // Other usernames from the same address, and the same username elsewhere, still work.
    expect((await attempt('agent2', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await attempt('agent', DEMO_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('counts the username case-insensitively', async () => {
    for (let i = 0; i < 3; i++) await attempt('Tech', 'wrong-password', '10.0.0.3');
    expect((await attempt('TECH', DEMO_PASSWORD, '10.0.0.3')).statusCode).toBe(429);
  });
});
