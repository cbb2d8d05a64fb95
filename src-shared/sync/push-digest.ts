import { withoutAttachmentData } from './wire-attachments';

/** Fields the server maintains: a client's value for them is never compared nor written. */
export const SERVER_OWNED_FIELDS: ReadonlySet<string> = new Set(['serverSeq', 'updatedAt']);

/** JSON with object keys sorted and undefined members left out, as JSON.stringify leaves them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonical(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The text whose SHA-256 names a pushed state (decision 0023): the content the server's push
 * compares (attachments as stubs, server-owned fields out), in one spelling whatever the key
 * order, so that client and server compute the same digest of the same state. Hashing is left
 * to each side (src-shared has no Node built-ins).
 */
export function pushDigestInput(doc: Record<string, unknown>): string {
  const content = Object.fromEntries(
    Object.entries(withoutAttachmentData(doc)).filter(([key]) => !SERVER_OWNED_FIELDS.has(key)),
  );
  return canonical(content);
}
