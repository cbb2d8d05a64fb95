import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEATURE_APPLIED_PUSHES,
  SYNC_FEATURES_HEADER,
  type PushRow,
} from '../../src-shared/sync/protocol';
import { createSyncApi, SyncHttpError } from './server-api';

const digest = 'a'.repeat(64);
const row: PushRow = {
  newDocumentState: { id: '0b0a3f3e-8f55-4f43-9a39-6c2b9a0f0201', _deleted: false },
  sentBefore: [digest],
};

/**
 * The client sends `sentBefore` only to a server that names the feature (decision 0023). The
 * server here speaks the wire protocol as an older or a newer server does: an older one (no
 * header) refuses an unknown row field with a 400, as its strict PushBodySchema does.
 */
describe('the push field sentBefore and the server features', () => {
  let server: Server;
  let url: string;
  let modern = false;
  let refuseEverything = false;
  /** Answers each row as a conflict, and as applied when it carries sentBefore. */
  let conflictEverything = false;
  const bodies: { rows: PushRow[] }[] = [];

  const read = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text;
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (modern) response.setHeader(SYNC_FEATURES_HEADER, `other, ${FEATURE_APPLIED_PUSHES}`);
      response.setHeader('content-type', 'application/json');
      if (request.method === 'GET') {
        response.end(JSON.stringify({ documents: [], checkpoint: null }));
        return;
      }
      void read(request).then((text) => {
        const body = JSON.parse(text) as { rows: PushRow[] };
        bodies.push(body);
        const unknownField = !modern && body.rows.some((r) => 'sentBefore' in r);
        if (unknownField || refuseEverything) {
          response.statusCode = 400;
          response.end(JSON.stringify({ error: { message: 'push body: unrecognized key' } }));
          return;
        }
        if (conflictEverything) {
          const conflicts = body.rows.map((r) => ({ ...r.newDocumentState, theirs: true }));
          const applied = body.rows
            .filter((r) => r.sentBefore)
            .map((r) => ({ id: r.newDocumentState.id, digests: r.sentBefore }));
          response.end(JSON.stringify({ conflicts, ...(applied.length ? { applied } : {}) }));
          return;
        }
        response.end(JSON.stringify({ conflicts: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const api = () => createSyncApi(url, async () => 'token', 5000);

  it('leaves the field out until an answer names the feature', async () => {
    modern = false;
    bodies.length = 0;
    const sync = api();
    await sync.pull('customers', undefined, 10);
    await sync.push('customers', [row]);
    expect(bodies.map((b) => 'sentBefore' in b.rows[0]!)).toEqual([false]);
  });

  it('sends it to a server that names the feature', async () => {
    modern = true;
    bodies.length = 0;
    const sync = api();
    await sync.pull('customers', undefined, 10);
    await sync.push('customers', [row]);
    expect(bodies[0]!.rows[0]!.sentBefore).toEqual([digest]);
  });

  it('sends the push again without it when an older server took the place of a newer one', async () => {
    modern = true;
    bodies.length = 0;
    const sync = api();
    await sync.pull('customers', undefined, 10);
    modern = false;
    await sync.push('customers', [row]);
    expect(bodies.map((b) => 'sentBefore' in b.rows[0]!)).toEqual([true, false]);
    await sync.push('customers', [row]);
    expect(bodies).toHaveLength(3);
  });

  it('asks again about the conflicted rows when the first answer of a run names the feature', async () => {
    modern = true;
    conflictEverything = true;
    bodies.length = 0;
    try {
      const plain: PushRow = {
        newDocumentState: { id: '0b0a3f3e-8f55-4f43-9a39-6c2b9a0f0202', _deleted: false },
      };
      // No pull first: a restarted client whose first request is the retried push.
      const answer = await api().push('customers', [row, plain]);
      expect(bodies.map((b) => b.rows.map((r) => r.sentBefore ?? null))).toEqual([
        [null, null],
        [[digest]],
      ]);
      expect(answer.conflicts.map((c) => c.id).sort()).toEqual(
        [row.newDocumentState.id, plain.newDocumentState.id].sort(),
      );
      expect(answer.applied).toEqual([{ id: row.newDocumentState.id, digests: [digest] }]);
    } finally {
      conflictEverything = false;
    }
  });

  it("keeps a newer server's 400 a refusal of the documents", async () => {
    modern = true;
    refuseEverything = true;
    bodies.length = 0;
    try {
      const sync = api();
      await sync.pull('customers', undefined, 10);
      await expect(sync.push('customers', [row])).rejects.toBeInstanceOf(SyncHttpError);
      expect(bodies).toHaveLength(1);
    } finally {
      refuseEverything = false;
    }
  });

  it('refuses a malformed answer instead of passing it on', async () => {
    const bad = createServer((_request, response) => {
      response.setHeader(SYNC_FEATURES_HEADER, FEATURE_APPLIED_PUSHES);
      response.end(JSON.stringify({ conflicts: [], applied: [{ id: 'x', digests: ['nope'] }] }));
    });
    await new Promise<void>((resolve) => bad.listen(0, '127.0.0.1', resolve));
    const port = (bad.address() as AddressInfo).port;
    try {
      const sync = createSyncApi(`http://127.0.0.1:${port}`, async () => 'token', 5000);
      await expect(sync.push('customers', [row])).rejects.toThrow(/malformed/);
    } finally {
      await new Promise<void>((resolve) => bad.close(() => resolve()));
    }
  });
});
