import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaresipLink } from './baresip-link.js';

describe('engine path', () => {
  it('gives a clear error when the engine is not installed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-missing-'));
    try {
      const link = new BaresipLink({
        account: { aor: 'sip:agent@127.0.0.1:5070', displayName: '' },
        configDir: dir,
        ports: { sip: 5070, ctrl: 4444, rtpMin: 10000, rtpMax: 10009 },
        enginePath: path.join(dir, 'no-such-baresip'),
      });
      await expect(link.start()).rejects.toMatchObject({
        code: 'engine-not-found',
        message: expect.stringContaining('baresip-core'),
      });
      await expect(link.hold('call-1')).rejects.toMatchObject({ code: 'no-such-call' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
