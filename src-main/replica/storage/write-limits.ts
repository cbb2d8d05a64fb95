import type { BulkWriteRow, RxStorageWriteError, RxStorageWriteErrorValidation } from 'rxdb';

/**
 * Upper bounds on what one write may store. better-sqlite3 is synchronous: a huge row
 * blocks the agent core's event loop while it is parsed and written, and a runaway
 * document (e.g. an ever-growing history) is a bug better reported than replicated.
 */
export type SizeLimits = {
  /** Serialised JSON length of one document, attachments' metadata included. */
  maxDocumentBytes: number;
  /** Bytes of one attachment. */
  maxAttachmentBytes: number;
};

export const DEFAULT_LIMITS: SizeLimits = {
  maxDocumentBytes: 1024 * 1024,
  maxAttachmentBytes: 20 * 1024 * 1024,
};

/**
 * Attachment data as written: a Blob (rxdb 17) or a base64 string (how rxdb 16 and
 * some remote-storage paths pass it). The storage gives back the same kind it was given.
 */
export type AttachmentWriteData = Blob | string;

/** The bytes of an attachment and which kind of value to return them as. */
export type AttachmentBytes = { bytes: Buffer; kind: 'blob' | 'base64' };

/** Reads every attachment of the write rows (a Blob only asynchronously). */
export async function readAttachmentBytes<T>(
  rows: readonly BulkWriteRow<T>[],
): Promise<Map<AttachmentWriteData, AttachmentBytes>> {
  const out = new Map<AttachmentWriteData, AttachmentBytes>();
  const pending: Promise<void>[] = [];
  for (const row of rows) {
    for (const att of Object.values(attachmentsOf(row))) {
      const data = att.data;
      if (data === undefined || out.has(data)) continue;
      if (typeof data === 'string') {
        out.set(data, { bytes: Buffer.from(data, 'base64'), kind: 'base64' });
        continue;
      }
      out.set(data, { bytes: Buffer.alloc(0), kind: 'blob' });
      pending.push(
        data.arrayBuffer().then((ab) => {
          out.set(data, { bytes: Buffer.from(ab), kind: 'blob' });
        }),
      );
    }
  }
  await Promise.all(pending);
  return out;
}

function attachmentsOf<T>(row: BulkWriteRow<T>): Record<string, { data?: AttachmentWriteData }> {
  return (
    (row.document as { _attachments?: Record<string, { data?: AttachmentWriteData }> })
      ._attachments ?? {}
  );
}

/**
 * Splits the rows into those within the limits and a 422 error for each that is not.
 * `jsonOf` keeps the JSON measured for each document without attachments: it is exactly
 * what the storage writes, so the document is serialised once, not twice.
 */
export function sizeErrors<T>(
  primaryPath: string,
  rows: BulkWriteRow<T>[],
  bytes: Map<AttachmentWriteData, AttachmentBytes>,
  limits: SizeLimits,
): { accepted: BulkWriteRow<T>[]; errors: RxStorageWriteError<T>[]; jsonOf: Map<T, string> } {
  const accepted: BulkWriteRow<T>[] = [];
  const errors: RxStorageWriteError<T>[] = [];
  const jsonOf = new Map<T, string>();
  for (const row of rows) {
    const problem = sizeProblem(row, bytes, limits, jsonOf);
    if (!problem) {
      accepted.push(row);
      continue;
    }
    const err = {
      status: 422,
      isError: true,
      documentId: (row.document as Record<string, unknown>)[primaryPath] as string,
      writeRow: row,
      validationErrors: [{ message: problem, field: '', schemaPath: '' }],
    } as unknown as RxStorageWriteErrorValidation<T>;
    errors.push(err);
  }
  return { accepted, errors, jsonOf };
}

function sizeProblem<T>(
  row: BulkWriteRow<T>,
  bytes: Map<AttachmentWriteData, AttachmentBytes>,
  limits: SizeLimits,
  jsonOf: Map<T, string>,
): string | null {
  const attachments = Object.entries(attachmentsOf(row));
  let json: string;
  if (attachments.length === 0) {
    json = JSON.stringify(row.document);
    jsonOf.set(row.document, json);
  } else {
    for (const [id, att] of attachments) {
      const size = att.data === undefined ? 0 : (bytes.get(att.data)?.bytes.length ?? 0);
      if (size > limits.maxAttachmentBytes) {
        return `replica: attachment "${id}" has ${size} bytes, more than the limit of ${limits.maxAttachmentBytes}`;
      }
    }
    // Attachment bytes are stored apart; the document row holds only their metadata.
    const metaOnly: Record<string, unknown> = {};
    for (const [id, att] of attachments) metaOnly[id] = { ...att, data: undefined };
    json = JSON.stringify({ ...row.document, _attachments: metaOnly });
  }
  // UTF-8 needs at most 3 bytes per UTF-16 code unit: short JSON is not measured.
  if (json.length * 3 <= limits.maxDocumentBytes) return null;
  const size = Buffer.byteLength(json, 'utf8');
  if (size > limits.maxDocumentBytes) {
    return `replica: document is ${size} bytes, more than the limit of ${limits.maxDocumentBytes}`;
  }
  return null;
}
