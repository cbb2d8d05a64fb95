import { randomBytes } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src-shared/http/auth';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { bearer, login, useTestServer } from '../test-support/test-server';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens';
import { loadSigningKey } from './signing-key';

const server = useTestServer({ demoSize: 0 });
let pair: TokenPair;
let realKey: Uint8Array;

beforeAll(async () => {
  pair = await login(server(), 'agent');
  realKey = await loadSigningKey(server().db);
});

function claims() {
  return { tid: pair.user.tenantId, role: 'admin' };
}

function sign(
  key: Uint8Array,
  options: { alg?: string; iss?: string; aud?: string; exp?: number; sub?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims())
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.iss ?? TOKEN_ISSUER)
    .setAudience(options.aud ?? TOKEN_AUDIENCE)
    .setSubject(options.sub ?? pair.user.id)
    .setIssuedAt(now - 120)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(key);
}

function encode(part: object): string {
  return base64url.encode(JSON.stringify(part));
}

async function me(token: string) {
  return server().app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
}

describe('access token verification', () => {
  it('accepts the genuine token (control)', async () => {
    expect((await me(pair.accessToken)).statusCode).toBe(200);
    // Control for the forgeries below: the real key with the right claims does work.
    expect((await me(await sign(realKey))).statusCode).toBe(200);
  });

  const forgeries: [string, () => Promise<string> | string][] = [
    ['garbage', () => 'not-a-jwt'],
    [
      "alg 'none'",
      () => {
        const [, payload] = pair.accessToken.split('.');
        return `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      },
    ],
    ['a token signed with another key', () => sign(new Uint8Array(randomBytes(32)))],
    ['an expired token', () => sign(realKey, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['another issuer', () => sign(realKey, { iss: 'someone-else' })],
    ['another audience', () => sign(realKey, { aud: 'another-app' })],
    ['another HMAC algorithm with the same key', () => sign(realKey, { alg: 'HS512' })],
    ['a subject that is not a user id', () => sign(realKey, { sub: 'admin' })],
    [
      'a tampered payload (role raised to admin)',
      () => {
        const [header, payload, signature] = pair.accessToken.split('.');
        const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
        return `${header}.${encode({ ...decoded, role: 'admin' })}.${signature}`;
      },
    ],
    [
      'a tampered signature',
      () => {
        const last = pair.accessToken.at(-2) === 'A' ? 'B' : 'A';
        return `${pair.accessToken.slice(0, -2)}${last}${pair.accessToken.at(-1)}`;
      },
    ],
  ];

  it.each(forgeries)('refuses %s with 401', async (_label, make) => {
    const response = await me(await make());
    expect(response.statusCode).toBe(401);
    expect(ServerErrorBodySchema.parse(response.json()).error.code).toBe('unauthorized');
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], [`bearer  ${'x'}`]])(
    'refuses the authorization header %j',
    async (authorization) => {
      const response = await server().app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
    },
  );
});
