import { CtiError } from '../cti-error.js';

/**
 * Turns what the agent typed into a SIP URI for `dial`/`transfer`. A bare number is placed in the
 * agent's own domain (as a desk phone would). Anything with whitespace or control characters is
 * refused: it would travel inside a ctrl_tcp command line.
 */
export function toTargetUri(target: string, accountAor: string): string {
  const trimmed = target.trim();
  if (/^sips?:[^\s"<>\\]+$/i.test(trimmed)) return trimmed;
  if (/^\+?[0-9A-Za-z*#._-]+$/.test(trimmed)) {
    const domain = /@([^;>]+)/.exec(accountAor)?.[1];
    if (domain) return `sip:${trimmed}@${domain}`;
  }
  throw new CtiError('invalid-argument', `"${target}" is not a phone number or SIP address`);
}
