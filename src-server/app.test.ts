import { describe, expect, it } from 'vitest';
import { ServerErrorBodySchema } from '../src-shared/http/errors';
import { HealthSchema } from '../src-shared/http/health';
import { useTestServer } from './test-support/test-server';

const server = useTestServer({ demoSize: 0 });

describe('health', () => {
  it('reports ok and the database in use', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    const health = HealthSchema.parse(response.json());
    expect(health.database).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(server().database).toBe(health.database);
  });
});

describe('errors', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/nope?x=1' });
    expect(response.statusCode).toBe(404);
    const body = ServerErrorBodySchema.parse(response.json());
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('/api/nope');
    expect(body.error.message).not.toContain('x=1');
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await server().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ tenant: 'demo', username: 'agent', password: 'x'.repeat(70_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(ServerErrorBodySchema.parse(response.json()).error.code).toBe('payload_too_large');
  });

  it.each([
    ['malformed JSON', 'application/json', '{"tenant": "demo",'],
    ['an empty JSON body', 'application/json', ''],
    ['a non-JSON media type', 'text/plain', 'tenant=demo'],
  ])('refuses %s with a 4xx error body and no stack', async (_label, contentType, payload) => {
    const response = await server().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': contentType },
      payload,
    });
    expect([400, 415]).toContain(response.statusCode);
    const body = ServerErrorBodySchema.parse(response.json());
    expect(body.error.code).toBe('bad_request');
    expect(response.body).not.toMatch(/at .+\.(js|ts):\d+/);
    expect(response.body).not.toContain('stack');
  });
});
