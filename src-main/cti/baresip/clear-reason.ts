import type { ClearReason } from '../cti-link.js';

/** Why WE ended a call, when the engine's own wording would be misleading. */
export type LocalIntent = 'reject' | 'setup-timeout';

export interface ClassifiedClear {
  reason: ClearReason;
  sipStatus?: number;
}

const BUSY = new Set([486, 600]);
const UNREACHABLE = new Set([404, 408, 410, 480, 484, 502, 503, 504]);

/**
 * Maps baresip's CALL_CLOSED `param` (free text: a reason phrase or "<code> <phrase>") to our
 * reasons. The strings are baresip 1.0's; unknown wording falls back to 'failed' with the text
 * kept in the event's detail, so nothing is lost.
 */
export function classifyClear(param: string, intent?: LocalIntent): ClassifiedClear {
  if (intent === 'setup-timeout') return { reason: 'unreachable' };
  const status = /^([3-6]\d\d)\b/.exec(param);
  if (status?.[1] !== undefined) {
    const sipStatus = Number(status[1]);
    if (BUSY.has(sipStatus)) return { reason: 'busy', sipStatus };
    if (sipStatus === 603) return { reason: 'rejected', sipStatus };
    if (UNREACHABLE.has(sipStatus)) return { reason: 'unreachable', sipStatus };
    if (sipStatus === 487) return { reason: 'local-hangup', sipStatus };
    return { reason: 'failed', sipStatus };
  }
  if (/reset by user/i.test(param)) {
    return { reason: intent === 'reject' ? 'rejected' : 'local-hangup' };
  }
  if (/reset by peer/i.test(param)) return { reason: 'remote-hangup' };
  if (/transfer/i.test(param)) return { reason: 'transferred' };
  if (/timed out|refused|unreachable|no route/i.test(param)) return { reason: 'unreachable' };
  return { reason: 'failed' };
}
