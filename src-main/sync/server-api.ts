import {
  FEATURE_APPLIED_PUSHES,
  PushResponseSchema,
  SYNC_FEATURES_HEADER,
  SYNC_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncCollection,
} from '../../src-shared/sync/protocol';
import { attachmentPath } from '../../src-shared/sync/wire-attachments';

/** A refusal or failure of the server, with its status and its error message. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The answer named FEATURE_APPLIED_PUSHES among its features. */
    readonly knewAppliedPushes = false,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/**
 * A request that gets no answer is abandoned after this long, so that RxDB retries it: a
 * half-open connection (a laptop that slept, a NAT that forgot it) otherwise holds a pull or
 * push, and with it that collection's replication, until undici's own 300 s timeouts.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Whether a sync answer names the feature (the header is absent on older servers). */
function offersAppliedPushes(response: Response): boolean {
  const header = response.headers.get(SYNC_FEATURES_HEADER) ?? '';
  return header.split(',').some((feature) => feature.trim() === FEATURE_APPLIED_PUSHES);
}

async function send(
  url: URL,
  token: string,
  timeoutMs: number,
  init: RequestInit = {},
  onFeatures: (appliedPushes: boolean) => void = () => {},
): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  onFeatures(offersAppliedPushes(response));
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 500);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not one of our error bodies (e.g. a proxy's page): keep the text.
    }
    throw new SyncHttpError(
      response.status,
      `${response.status} ${message}`,
      offersAppliedPushes(response),
    );
  }
  return JSON.parse(text) as unknown;
}

/** The server's sync endpoints for one replica. */
export function createSyncApi(
  serverUrl: string,
  getAccessToken: () => Promise<string>,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
) {
  /**
   * The last answer's word on `sentBefore` (decision 0023). Until one says so, push rows go
   * without it: a server that does not know the field refuses the whole push with a 400.
   */
  let appliedPushes = false;
  const learn = (offered: boolean) => (appliedPushes = offered);
  const withoutSentBefore = (rows: PushRow[]) =>
    rows.map(({ sentBefore: _sentBefore, ...row }) => row);
  const postPush = async (collection: SyncCollection, rows: PushRow[]) => {
    const url = new URL(SYNC_PATHS.push(collection), serverUrl);
    const token = await getAccessToken();
    const answer = await send(
      url,
      token,
      timeoutMs,
      { method: 'POST', body: JSON.stringify({ rows }) },
      learn,
    );
    const parsed = PushResponseSchema.safeParse(answer);
    if (!parsed.success) throw new Error(`push answer of ${collection} is malformed`);
    return parsed.data as PushResponse;
  };
  return {
    async pull(
      collection: SyncCollection,
      checkpoint: SyncCheckpoint | undefined,
      limit: number,
    ): Promise<PullResponse> {
      const url = new URL(SYNC_PATHS.pull(collection), serverUrl);
      if (checkpoint) {
        url.searchParams.set('serverSeq', String(checkpoint.serverSeq));
        url.searchParams.set('id', checkpoint.id);
      }
      url.searchParams.set('limit', String(limit));
      return (await send(url, await getAccessToken(), timeoutMs, {}, learn)) as PullResponse;
    },
    /** The bytes of one work order attachment (its stub came with a pull). */
    async attachment(workOrderId: string, attachmentId: string): Promise<Blob> {
      const url = new URL(attachmentPath(workOrderId, attachmentId), serverUrl);
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${await getAccessToken()}` },
      });
      if (!response.ok) {
        throw new SyncHttpError(response.status, `${response.status} attachment ${attachmentId}`);
      }
      const type = response.headers.get('content-type') ?? 'application/octet-stream';
      return new Blob([await response.arrayBuffer()], { type });
    },
    /** The answer's conflicts, and which earlier states the server applied (`sentBefore`). */
    async push(collection: SyncCollection, rows: PushRow[]): Promise<PushResponse> {
      if (!rows.some((row) => row.sentBefore)) return postPush(collection, rows);
      if (appliedPushes) {
        try {
          return await postPush(collection, rows);
        } catch (error) {
          // The server was replaced by one that does not know the field: its 400 is about the
          // field, not the documents. Sent again without it, as to any older server.
          if (error instanceof SyncHttpError && error.status === 400 && !error.knewAppliedPushes) {
            return postPush(collection, withoutSentBefore(rows));
          }
          throw error;
        }
      }
      // No answer has named the feature yet (the first push after a start): sent without the
      // field. If this answer names it, the rows it refused as conflicts wrote nothing and are
      // sent once more, with it, so that a restarted client still learns what was applied.
      const first = await postPush(collection, withoutSentBefore(rows));
      const conflicted = new Set(first.conflicts.map((c) => c.id));
      const again = rows.filter((r) => r.sentBefore && conflicted.has(r.newDocumentState.id));
      if (!appliedPushes || again.length === 0) return first;
      const second = await postPush(collection, again);
      const asked = new Set(again.map((r) => r.newDocumentState.id));
      return {
        conflicts: [...first.conflicts.filter((c) => !asked.has(c.id)), ...second.conflicts],
        ...(second.applied ? { applied: second.applied } : {}),
      };
    },
  };
}
export type SyncApi = ReturnType<typeof createSyncApi>;
