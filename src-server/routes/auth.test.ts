import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenPairSchema } from '../../src-shared/http/auth';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { hashPassword } from '../auth/passwords';
import { tenants, users } from '../db/schema';
import { DEMO_PASSWORD } from '../demo/users';
import { bearer, login, useTestServer } from '../test-support/test-server';

const server = useTestServer({ demoSize: 5 });

function post(url: string, payload: unknown) {
  return server().app.inject({ method: 'POST', url, payload: payload as object });
}

function errorOf(response: { json(): unknown }) {
  return ServerErrorBodySchema.parse(response.json()).error;
}

beforeAll(async () => {
  const [demo] = await server().db.select().from(tenants).where(eq(tenants.slug, 'demo'));
  await server()
    .db.insert(users)
    .values({
      tenantId: demo!.id,
      username: 'gone',
      displayName: '离职员工',
      role: 'agent',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      disabled: true,
    });
});

describe('POST /api/auth/login', () => {
  it('issues a token pair and the profile for the right password', async () => {
    const response = await post('/api/auth/login', {
      tenant: 'demo',
      username: 'supervisor',
      password: DEMO_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    const pair = TokenPairSchema.parse(response.json());
    expect(pair.user).toMatchObject({
      username: 'supervisor',
      role: 'supervisor',
      tenantSlug: 'demo',
    });
    expect(pair.user.displayName).toBe('张伟');
    expect(Date.parse(pair.accessTokenExpiresAt)).toBeLessThan(
      Date.parse(pair.refreshTokenExpiresAt),
    );
    expect(pair.refreshToken).not.toBe(pair.accessToken);
  });

  it('gives the same 401 for a wrong password, an unknown user and an unknown tenant', async () => {
    const attempts = [
      { tenant: 'demo', username: 'agent', password: 'wrong-password' },
      { tenant: 'demo', username: 'nobody', password: DEMO_PASSWORD },
      { tenant: 'nowhere', username: 'agent', password: DEMO_PASSWORD },
      // Users of one tenant cannot log in to another.
      { tenant: 'acme', username: 'agent2', password: DEMO_PASSWORD },
    ];
    const messages = new Set<string>();
    for (const attempt of attempts) {
      const response = await post('/api/auth/login', attempt);
      expect(response.statusCode).toBe(401);
      const error = errorOf(response);
      expect(error.code).toBe('unauthorized');
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
  });

  it('refuses a disabled user', async () => {
    const response = await post('/api/auth/login', {
      tenant: 'demo',
      username: 'gone',
      password: DEMO_PASSWORD,
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('forbidden');
  });

  it.each([
    ['a missing field', { tenant: 'demo', username: 'agent' }, 'password'],
    ['an extra field', { tenant: 'demo', username: 'agent', password: 'x', admin: true }, ''],
    ['a wrong type', { tenant: 'demo', username: 42, password: DEMO_PASSWORD }, 'username'],
    ['an empty username', { tenant: 'demo', username: '  ', password: DEMO_PASSWORD }, 'username'],
    ['a JSON array', [1, 2], ''],
  ])('answers %s with 400 and per-field issues', async (_label, payload, path) => {
    const response = await post('/api/auth/login', payload);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('bad_request');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
  });
});

describe('refresh token rotation', () => {
  it('rotates: each refresh token works once and yields a new one', async () => {
    const first = await login(server(), 'agent');
    const second = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.statusCode).toBe(200);
    const pair2 = TokenPairSchema.parse(second.json());
    expect(pair2.refreshToken).not.toBe(first.refreshToken);
    expect(pair2.user.username).toBe('agent');

    const third = await post('/api/auth/refresh', { refreshToken: pair2.refreshToken });
    expect(third.statusCode).toBe(200);
  });

  it('revokes the whole family when a used token is presented again', async () => {
    const first = await login(server(), 'agent2');
    const rotated = TokenPairSchema.parse(
      (await post('/api/auth/refresh', { refreshToken: first.refreshToken })).json(),
    );
    // An attacker replays the stolen, already used token.
    const replay = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).code).toBe('unauthorized');
    // The legitimate holder's newer token is dead too.
    const legit = await post('/api/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(legit.statusCode).toBe(401);
    // Another login (another family) is unaffected.
    const other = await login(server(), 'agent2');
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).statusCode).toBe(
      200,
    );
  });

  it('refuses an unknown refresh token and a malformed body', async () => {
    const unknown = await post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(401);
    const malformed = await post('/api/auth/refresh', { refreshToken: 'short' });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).issues?.[0]?.path).toBe('refreshToken');
  });
});

describe('logout', () => {
  it('revokes the refresh token family and answers 204', async () => {
    const pair = await login(server(), 'tech');
    const rotated = TokenPairSchema.parse(
      (await post('/api/auth/refresh', { refreshToken: pair.refreshToken })).json(),
    );
    const response = await post('/api/auth/logout', { refreshToken: rotated.refreshToken });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(
      (await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).statusCode,
    ).toBe(401);
    // Logging out twice is harmless.
    expect(
      (await post('/api/auth/logout', { refreshToken: rotated.refreshToken })).statusCode,
    ).toBe(204);
  });
});

describe('GET /api/me', () => {
  it('returns the profile of the token holder', async () => {
    const pair = await login(server(), 'tech2');
    const response = await server().app.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer(pair.accessToken),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(pair.user);
  });

  it('requires a token', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('unauthorized');
  });
});
