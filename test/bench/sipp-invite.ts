import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePortBlock } from '../sip/harness/ports';
import { SCENARIO_DIR } from '../sip/harness/sipp';

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
  const port = await freePortBlock(1);
  const mediaPort = await freePortBlock(4);
  const args = [
    ...['-sf', path.join(SCENARIO_DIR, scenario)],
    ...['-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(mediaPort)],
    ...['-m', '1', '-nostdin', '-timeout', '20s', '-timeout_error', '-key', 'caller', caller],
    ...['-trace_msg', '-message_file', traceFile, target],
  ];
  const child = spawn('sipp', args, { stdio: 'ignore', env: { ...process.env, TZ: 'UTC' } });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`SIPp exited with ${code} (trace: ${traceFile})`);
  const stamp =
    /-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\.(\d{6})\s*\nUDP message sent[^\n]*\n\s*\nINVITE /.exec(
      readFileSync(traceFile, 'utf8'),
    );
  if (!stamp) throw new Error(`no INVITE in ${traceFile}`);
  return Date.parse(`${stamp[1]}T${stamp[2]}Z`) + Number(stamp[3]) / 1000;
}
