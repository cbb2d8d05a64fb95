/**
 * Runs electronegativity on the built Electron bundles (out/) and fails on any HIGH or MEDIUM
 * finding that is not in the reviewed list. Part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Finding = { check: string; severity: string; file: string; location: string; sample: string };
type Reviewed = { reviewed: { check: string; sample: string }[] };

const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const report = path.join(mkdtempSync(path.join(tmpdir(), 'sb-electronegativity-')), 'report.csv');

const run = spawnSync(
  process.execPath,
  [
    require.resolve('@doyensec/electronegativity/dist/index.js'),
    ...['-i', 'out', '-o', report, '-r', '-e', electronVersion],
  ],
  { encoding: 'utf8' },
);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error(`electronegativity failed (exit ${run.status})`);
  process.exit(1);
}

const findings = parseCsv(readFileSync(report, 'utf8'));
const { reviewed } = JSON.parse(
  readFileSync(new URL('./electronegativity-reviewed.json', import.meta.url), 'utf8'),
) as Reviewed;
const isReviewed = (finding: Finding) =>
  reviewed.some((entry) => entry.check === finding.check && entry.sample === finding.sample);

const serious = findings.filter((finding) => ['HIGH', 'MEDIUM'].includes(finding.severity));
const open = serious.filter((finding) => !isReviewed(finding));
console.log(
  `electronegativity ${electronVersion}: ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${serious.length - open.length} reviewed, ${open.length} open`,
);
for (const finding of findings) {
  const mark = open.includes(finding) ? 'OPEN' : isReviewed(finding) ? 'reviewed' : 'low';
  console.log(
    `  [${mark}] ${finding.severity} ${finding.check} ${finding.file}:${finding.location}`,
  );
}
if (open.length > 0) process.exit(1);

function parseCsv(text: string): Finding[] {
  const rows = text.trim().split('\n').slice(1);
  return rows.map((row) => {
    const cells = [...row.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((match) =>
      match[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'),
    );
    return {
      check: cells[0]!,
      severity: cells[1]!,
      file: cells[3]!,
      location: cells[4]!,
      sample: cells[5]!,
    };
  });
}
