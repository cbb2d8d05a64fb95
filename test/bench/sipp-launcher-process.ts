/**
 * A small process that starts SIPp for the telephony benchmarks, so that the process under
 * measurement never forks: on Linux spawn() forks the caller, and forking the agent core (a
 * large heap and a replica's page cache) held its main thread for 10–50 ms per call.
 * Messages: { id, args } in, { id, code } out (SIPp's exit code, or null on a signal).
 */
import { spawn } from 'node:child_process';

type Request = { id: number; args: string[] };

process.on('message', (message: Request) => {
  const child = spawn('sipp', message.args, {
    stdio: 'ignore',
    env: { ...process.env, TZ: 'UTC' },
  });
  child.once('error', () => process.send?.({ id: message.id, code: -1 }));
  child.once('exit', (code) => process.send?.({ id: message.id, code }));
});
// Gone with its parent: a benchmark that crashed leaves no launcher behind.
process.on('disconnect', () => process.exit(0));
