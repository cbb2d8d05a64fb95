import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '../app';

describe('embedded PGlite in a data folder', () => {
  it('creates a nested data folder that does not exist yet and reopens it', async () => {
    // What `npm start` meets on a fresh clone: .data/server-pglite with no .data/ at all.
    const root = await mkdtemp(path.join(tmpdir(), 'sb-pglite-'));
    const dataDir = path.join(root, '.data', 'server-pglite');
    for (const round of [1, 2]) {
      const server = await createServer({ pgliteDir: dataDir, logLevel: 'silent' });
      const health = await server.app.inject({ method: 'GET', url: '/health' });
      expect(health.json(), `round ${round}`).toMatchObject({ status: 'ok', database: 'pglite' });
      await server.close();
    }
  });
});
