import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortBlock } from '../sip/harness/ports';
import { SCENARIO_DIR } from '../sip/harness/sipp';

const LAUNCHER = fileURLToPath(new URL('./sipp-launcher-process.ts', import.meta.url));

type SippExit = { code: number | null; stderr: string };

let launcher:
  { child: ChildProcess; next: number; waiting: Map<number, (exit: SippExit) => void> } | undefined;

/**
 * Starts the launcher process (sipp-launcher-process.ts) now, before anything is measured; the
 * first ring would otherwise fork it.
 */
export function startSippLauncher(): NonNullable<typeof launcher> {
  if (!launcher) {
    const child = fork(LAUNCHER, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const waiting = new Map<number, (exit: SippExit) => void>();
    child.on('message', (reply: { id: number } & SippExit) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
      if (waiting.size === 0) child.channel?.unref();
    });
    child.once('exit', () => {
      for (const resolve of waiting.values()) resolve({ code: -1, stderr: 'launcher exited' });
      launcher = undefined;
    });
    // The benchmark ends when its work does: the launcher does not hold it open.
    child.unref();
    child.channel?.unref();
    launcher = { child, next: 0, waiting };
  }
  return launcher;
}

/** SIPp started by the launcher process: its exit code and the end of its stderr. */
function runSipp(args: string[]): Promise<SippExit> {
  const started = startSippLauncher();
  const { child, waiting } = started;
  const id = started.next++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    child.channel?.ref();
    child.send({ id, args });
  });
}

/**
 * Rings the agent once with a SIPp customer playing `scenario`; resolves with the INVITE's send
 * time as SIPp itself traced it (epoch ms, µs precision), the start of every telephony benchmark.
 */
export async function ringOnce(options: {
  target: string;
  caller: string;
  scenario: string;
  traceFile: string;
}): Promise<number> {
  const { target, caller, scenario, traceFile } = options;
  for (let attempt = 1; ; attempt++) {
    const port = await freePortBlock(1);
    const mediaPort = await freePortBlock(4);
    const args = [
      ...['-sf', path.join(SCENARIO_DIR, scenario)],
      ...['-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(mediaPort)],
      ...['-m', '1', '-nostdin', '-timeout', '20s', '-timeout_error', '-key', 'caller', caller],
      ...['-trace_msg', '-message_file', traceFile, target],
    ];
    const { code, stderr } = await runSipp(args);
    const sent = inviteSentAt(traceFile);
    if (code === 0 && sent !== undefined) return sent;
    // A port found free can be taken before SIPp binds it (the sync load opens connections
    // all the time). SIPp then ends before its INVITE leaves; nothing was measured yet, so the
    // call is made again on other ports.
    if (sent === undefined && attempt < 3) {
      console.warn(`SIPp exited with ${code} before its INVITE left (${stderr.trim()}); again`);
      continue;
    }
    throw new Error(`SIPp exited with ${code} (trace: ${traceFile}): ${stderr.trim()}`);
  }
}

/** The INVITE's send time as SIPp traced it (epoch ms), or undefined if none left. */
function inviteSentAt(traceFile: string): number | undefined {
  const trace = existsSync(traceFile) ? readFileSync(traceFile, 'utf8') : '';
  const stamp =
    /-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\.(\d{6})\s*\nUDP message sent[^\n]*\n\s*\nINVITE /.exec(
      trace,
    );
  if (!stamp) return undefined;
  return Date.parse(`${stamp[1]}T${stamp[2]}Z`) + Number(stamp[3]) / 1000;
}
