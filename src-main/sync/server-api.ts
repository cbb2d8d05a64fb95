import {
  SYNC_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncCollection,
  type WireDocument,
} from '../../src-shared/sync/protocol';
import { attachmentPath } from '../../src-shared/sync/wire-attachments';

/** A refusal or failure of the server, with its status and its error message. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
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

async function send(
  url: URL,
  token: string,
  timeoutMs: number,
  init: RequestInit = {},
): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 500);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not one of our error bodies (e.g. a proxy's page): keep the text.
    }
    throw new SyncHttpError(response.status, `${response.status} ${message}`);
  }
  return JSON.parse(text) as unknown;
}

/** The server's sync endpoints for one replica. */
export function createSyncApi(
  serverUrl: string,
  getAccessToken: () => Promise<string>,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
) {
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
      return (await send(url, await getAccessToken(), timeoutMs)) as PullResponse;
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
    async push(collection: SyncCollection, rows: PushRow[]): Promise<WireDocument[]> {
      const url = new URL(SYNC_PATHS.push(collection), serverUrl);
      const body = JSON.stringify({ rows });
      const answer = (await send(url, await getAccessToken(), timeoutMs, {
        method: 'POST',
        body,
      })) as PushResponse;
      return answer.conflicts;
    },
  };
}
export type SyncApi = ReturnType<typeof createSyncApi>;
