import { SYNC_PATHS, type SyncCollection } from '../../../src-shared/sync/protocol';

export const DEMO_SUPERVISOR = { username: 'supervisor', password: 'switchboard-demo' };

/** An access token of the demo tenant's supervisor (who sees the whole tenant). */
export async function supervisorToken(server: string): Promise<string> {
  const login = await fetch(`${server}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', ...DEMO_SUPERVISOR }),
  });
  if (!login.ok) throw new Error(`supervisor sign-in failed: ${login.status}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

type ServerDocument = Record<string, unknown> & { id: string; serverSeq: number };

/**
 * Reads a collection through the server's own sync pull (what any desktop would receive),
 * page by page, and returns the documents that match.
 */
export async function findOnServer(
  server: string,
  token: string,
  collection: SyncCollection,
  matches: (doc: ServerDocument) => boolean,
): Promise<ServerDocument[]> {
  const found: ServerDocument[] = [];
  let checkpoint: { serverSeq: number; id: string } | null = { serverSeq: 0, id: '' };
  while (checkpoint) {
    const query = new URLSearchParams({
      serverSeq: String(checkpoint.serverSeq),
      id: checkpoint.id,
      limit: '500',
    });
    const response = await fetch(`${server}${SYNC_PATHS.pull(collection)}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`pull ${collection}: ${response.status}`);
    const page = (await response.json()) as {
      documents: ServerDocument[];
      checkpoint: { serverSeq: number; id: string } | null;
    };
    found.push(...page.documents.filter(matches));
    checkpoint = page.documents.length > 0 ? page.checkpoint : null;
  }
  return found;
}

/**
 * Writes one new document through the server's own sync push, as any desktop would: how a
 * test puts a customer on the server that another desktop created.
 */
export async function pushToServer(
  server: string,
  token: string,
  collection: SyncCollection,
  doc: Record<string, unknown> & { id: string },
): Promise<void> {
  const response = await fetch(`${server}${SYNC_PATHS.push(collection)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      rows: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }],
    }),
  });
  const answer = (await response.json()) as { conflicts?: unknown[] };
  if (!response.ok || answer.conflicts?.length) {
    throw new Error(`push ${collection}: ${response.status} ${JSON.stringify(answer)}`);
  }
}
