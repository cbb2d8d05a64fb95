import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the agent core's main thread the load worker runs (nice steps). */
export const BACKGROUND_NICENESS = 19;

/**
 * Lowers the calling thread's CPU priority, and only that thread's: the first sync can keep a
 * core busy for minutes, and while it does a ringing call's screen pop (main thread) and the
 * SIP engine must win the CPU at once. Linux keeps a nice value per thread, and
 * /proc/thread-self names the caller's own thread id. Elsewhere (macOS, Windows) priority is
 * per process, and lowering it would slow the agent's own screen too, so nothing is changed.
 * Returns the thread's niceness afterwards, or undefined where it was left alone.
 */
export function lowerThisThreadsPriority(niceness = BACKGROUND_NICENESS): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let threadId: number;
  try {
    threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(threadId) || threadId <= 0) return undefined;
  const current = getPriority(threadId);
  // Never raises it: an already lower priority (the whole app started with `nice`) stays.
  if (current < niceness) setPriority(threadId, niceness);
  return getPriority(threadId);
}
