/**
 * A small process that starts SIPp for the telephony benchmarks, so that the process under
 * measurement never forks: on Linux spawn() forks the caller, and forking the agent core (a
 * large heap and a replica's page cache) held its main thread for 10–50 ms per call.
 * Messages: { id, args } in, { id, code, stderr } out (SIPp's exit code, or null on a signal,
 * and the end of what it wrote to stderr).
 */
import { spawn } from 'node:child_process';

type Request = { id: number; args: string[] };

process.on('message', (message: Request) => {
  const child = spawn('sipp', message.args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  child.once('error', (error) =>
    process.send?.({ id: message.id, code: -1, stderr: error.message }),
  );
  child.once('close', (code) => process.send?.({ id: message.id, code, stderr }));
});
// Gone with its parent: a benchmark that crashed leaves no launcher behind.
process.on('disconnect', () => process.exit(0));
