import type {
  PullResponse,
  PushResponse,
  SyncCheckpoint,
  WireDocument,
} from '../../src-shared/sync/protocol';
import type { Server } from '../app';
import { bearer, login } from '../test-support/test-server';

/** A logged-in sync client over fastify's inject (no sockets). */
export async function syncClient(server: Server, username: string, tenant = 'demo') {
  const { accessToken } = await login(server, username, tenant);
  const headers = bearer(accessToken);
  return {
    accessToken,
    async pull(collection: string, after?: SyncCheckpoint | null, limit?: number) {
      const query = new URLSearchParams();
      if (after) {
        query.set('serverSeq', String(after.serverSeq));
        query.set('id', after.id);
      }
      if (limit) query.set('limit', String(limit));
      return server.app.inject({
        method: 'GET',
        url: `/api/sync/${collection}/pull?${query}`,
        headers,
      });
    },
    async pullAll(collection: string): Promise<PullResponse> {
      const documents: WireDocument[] = [];
      let checkpoint: SyncCheckpoint | null = null;
      for (;;) {
        const page = (await this.pull(collection, checkpoint, 500)).json() as PullResponse;
        documents.push(...page.documents);
        if (page.documents.length === 0) return { documents, checkpoint };
        checkpoint = page.checkpoint;
      }
    },
    async push(collection: string, rows: unknown) {
      return server.app.inject({
        method: 'POST',
        url: `/api/sync/${collection}/push`,
        headers,
        payload: { rows },
      });
    },
    async pushOk(collection: string, rows: unknown): Promise<PushResponse> {
      const response = await this.push(collection, rows);
      if (response.statusCode !== 200)
        throw new Error(`push ${response.statusCode}: ${response.body}`);
      return response.json() as PushResponse;
    },
  };
}
