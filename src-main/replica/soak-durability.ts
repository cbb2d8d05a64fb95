/**
 * Soak version of durability/durability.test.ts: thousands of SIGKILL runs.
 * Usage: npx tsx src-main/replica/soak-durability.ts [runs=2000] [seed]
 * Exits non-zero at the first run that loses an acknowledged write or fails
 * integrity_check, leaving the data folder in place for inspection.
 */
import { tempDir } from './storage/test-helpers';
import { killRun } from './durability/durability-harness';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? Date.now());
let state = seed;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;

const tmp = tempDir('replica-soak-');
let acknowledged = 0;
for (let run = 0; run < runs; run += 1) {
  const result = await killRun(tmp.dir, run * 1_000_000, random);
  acknowledged += result.acknowledged;
  if (result.missing.length > 0 || result.integrity !== 'ok') {
    console.error(
      `FAIL run ${run} seed ${seed}: ${result.missing.length} acknowledged writes missing ` +
        `(${result.missing.slice(0, 5).join(', ')}), integrity_check: ${result.integrity}; data kept in ${tmp.dir}`,
    );
    process.exit(1);
  }
  if ((run + 1) % 50 === 0)
    console.warn(`${run + 1}/${runs} runs ok, ${acknowledged} acknowledged writes checked`);
}
console.warn(`OK: ${runs} runs, ${acknowledged} acknowledged writes all present, seed ${seed}`);
tmp.cleanup();
