import { describe, expect, it } from 'vitest';
import { tempDir } from '../storage/test-helpers';
import { killRun } from './durability-harness';

describe('durability', () => {
  it('every acknowledged write survives SIGKILL of the writer at random moments', async () => {
    const tmp = tempDir('replica-durability-');
    const seed = Number(process.env['REPLICA_DURABILITY_SEED'] ?? Date.now());
    let state = seed;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    try {
      for (let run = 0; run < 5; run += 1) {
        const result = await killRun(tmp.dir, run * 1_000_000, random);
        expect(result.acknowledged, `run ${run}, seed ${seed}`).toBeGreaterThan(0);
        expect(result.missing, `run ${run}, seed ${seed}`).toEqual([]);
        expect(result.integrity, `run ${run}, seed ${seed}`).toBe('ok');
      }
    } finally {
      tmp.cleanup();
    }
  }, 120_000);
});
