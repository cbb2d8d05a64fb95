/** Helpers of the sync benchmark: the server process, sign-in, stream clients, statistics. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { SYNC_PATHS } from '../../src-shared/sync/protocol';

const SERVER_SCRIPT = fileURLToPath(new URL('./sync-bench-server.ts', import.meta.url));

export type Metric = {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
};

export async function startBenchServer(env: Record<string, string>) {
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
  const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const ready = await new Promise<{ url: string; seedMs: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; seedMs: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    ...ready,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function login(serverUrl: string, tenant: string, username: string) {
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, username, password: 'switchboard-demo' }),
  });
  if (!response.ok) throw new Error(`login ${tenant}/${username}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A plain live-stream client that parses what it receives, as a replica's socket does. */
export async function openStreamClient(serverUrl: string, token: string) {
  const url = new URL(SYNC_PATHS.stream, serverUrl);
  url.protocol = 'ws:';
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const counter = { messages: 0, close: () => socket.close() };
  socket.on('message', (data) => {
    JSON.parse(String(data));
    counter.messages += 1;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return counter;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function metric(name: string, value: number, unit: string, baseline: number): Metric {
  return {
    metric: name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline, 2),
  };
}

export function writeReport(root: string, report: object): void {
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench-results', 'sync.json'),
    JSON.stringify(report, null, 2) + '\n',
  );
}

export function formatTable(metrics: readonly Metric[]): string {
  const rows = [
    ['metric', 'value', 'unit', 'baseline', 'ratio'],
    ...metrics.map((m) => [m.metric, String(m.value), m.unit, String(m.baseline), String(m.ratio)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
