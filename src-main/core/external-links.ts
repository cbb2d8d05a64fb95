/**
 * Which links may leave the app for the system browser or mail client. Anything else
 * (file:, javascript:, custom schemes that launch programs, credentials in the URL) stays
 * closed: shell.openExternal with an attacker's URL is a code-execution primitive.
 */
const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);
const MAX_URL_LENGTH = 2048;

export function isSafeExternalUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false;
  if (url.protocol === 'https:' && (url.username || url.password || !url.hostname)) return false;
  return true;
}
