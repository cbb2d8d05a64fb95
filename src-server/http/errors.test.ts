import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ServerErrorBodySchema } from '../../src-shared/http/errors';
import { HttpError, installErrorHandlers } from './errors';

async function appWith(handler: () => unknown) {
  const app = Fastify({ logger: false });
  installErrorHandlers(app);
  app.get('/boom', async () => handler());
  await app.ready();
  return app;
}

describe('error handler', () => {
  it('hides the details of an unexpected error behind a plain 500', async () => {
    const app = await appWith(() => {
      throw new Error('relation "users" does not exist at /srv/app/db.ts:12');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(ServerErrorBodySchema.parse(response.json())).toEqual({
      error: { code: 'internal', message: 'Internal server error' },
    });
    expect(response.body).not.toContain('relation');
    await app.close();
  });

  it('passes an HttpError through with its code, message and issues', async () => {
    const app = await appWith(() => {
      throw new HttpError(400, 'bad_request', 'The thing is not valid', [
        { path: 'a.b', message: 'Required' },
      ]);
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'The thing is not valid',
        issues: [{ path: 'a.b', message: 'Required' }],
      },
    });
    await app.close();
  });
});
