import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_WORK_ORDER_ATTACHMENT_BYTES } from '../../src-shared/rxdb/work-orders';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { attachmentPath } from '../../src-shared/sync/wire-attachments';
import { bearer, useTestServer } from '../test-support/test-server';
import { syncClient } from './sync-test-helpers';

/** The field technician's work on the server: statuses, lists, attachments, scope. */
describe('field work sync (technician)', () => {
  const server = useTestServer({
    demoSize: 40,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  const meOf = async (token: string) =>
    (
      await server().app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })
    ).json() as { id: string };

  /** One of the technician's orders, put by the supervisor into the given status. */
  async function techOrder(status: string, index = 0) {
    const tech = await syncClient(server(), 'tech');
    const supervisor = await syncClient(server(), 'supervisor');
    const techId = (await meOf(tech.accessToken)).id;
    const mine = (await tech.pullAll('work_orders')).documents.filter((d) => !d._deleted);
    const order = mine[index]!;
    expect(order).toBeDefined();
    await supervisor.pushOk('work_orders', [
      { assumedMasterState: order, newDocumentState: { ...order, status } },
    ]);
    const fresh = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    return { tech, supervisor, techId, order: fresh };
  }

  async function step(
    tech: Awaited<ReturnType<typeof syncClient>>,
    from: WireDocument,
    to: object,
  ) {
    const next = { ...from, ...to };
    const response = await tech.push('work_orders', [
      { assumedMasterState: from, newDocumentState: next },
    ]);
    return { response, next };
  }

  const photo = (bytes: Buffer, type = 'image/jpeg') => ({
    digest: `md5-${bytes.length}-${bytes[0] ?? 0}`,
    length: bytes.length,
    type,
    data: bytes.toString('base64'),
  });

  it('walks the whole field workflow with parts, time, a note, a photo and a signature, and pulls it back', async () => {
    const { tech, techId, order } = await techOrder('assigned');
    let current = order;
    for (const status of ['accepted', 'en_route', 'on_site', 'waiting_parts', 'on_site']) {
      const { response, next } = await step(tech, current, { status });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ conflicts: [] });
      current = next;
    }
    const photoBytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3, 4, 5]);
    const signatureBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9]);
    const photoId = `photo-${randomUUID()}`;
    const signatureId = `signature-${randomUUID()}`;
    const work = {
      status: 'resolved',
      partsUsed: [
        { id: randomUUID(), at: 1_800_000_000_000, by: techId, part: 'fuse 10A', quantity: 2 },
      ],
      timeSpent: [{ id: randomUUID(), at: 1_800_000_000_001, by: techId, minutes: 45 }],
      history: [
        ...(current['history'] as object[]),
        { at: 1_800_000_000_002, by: techId, action: 'note', note: 'replaced both fuses' },
      ],
      _attachments: {
        [photoId]: photo(photoBytes),
        [signatureId]: photo(signatureBytes, 'image/png'),
      },
    };
    const { response } = await step(tech, current, work);
    expect(response.statusCode, response.body).toBe(200);

    const pulled = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    expect(pulled).toMatchObject({
      status: 'resolved',
      partsUsed: work.partsUsed,
      timeSpent: work.timeSpent,
      history: work.history,
    });
    // Stubs only in a pull; the bytes come from the attachment route, unchanged.
    expect(pulled['_attachments']).toEqual({
      [photoId]: { digest: work._attachments[photoId]!.digest, length: 8, type: 'image/jpeg' },
      [signatureId]: {
        digest: work._attachments[signatureId]!.digest,
        length: 6,
        type: 'image/png',
      },
    });
    const bytes = await server().app.inject({
      method: 'GET',
      url: attachmentPath(order.id, photoId),
      headers: bearer(tech.accessToken),
    });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(bytes.rawPayload.equals(photoBytes)).toBe(true);

    // A retried push of the same state (bytes included) is a no-op, not a conflict.
    const retry = await tech.push('work_orders', [
      { assumedMasterState: current, newDocumentState: { ...current, ...work } },
    ]);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ conflicts: [] });
  });

  it.each([
    ['assigned', 'on_site'],
    ['assigned', 'resolved'],
    ['accepted', 'waiting_parts'],
    ['resolved', 'on_site'],
    ['could_not_complete', 'accepted'],
    ['on_site', 'cancelled'],
  ])('refuses the move from %s to %s with a 403', async (from, to) => {
    const { tech, order } = await techOrder(from);
    const { response } = await step(tech, order, { status: to });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining(`from '${from}' to '${to}'`) },
    });
  });

  it('takes could-not-complete only with a reason, and a reason only with that move', async () => {
    const { tech, order } = await techOrder('on_site');
    const without = await step(tech, order, { status: 'could_not_complete' });
    expect(without.response.statusCode).toBe(400);
    expect(without.response.json().error.message).toContain('needs a reason');
    const alone = await step(tech, order, { couldNotCompleteReason: 'no access' });
    expect(alone.response.statusCode).toBe(403);
    const ok = await step(tech, order, {
      status: 'could_not_complete',
      couldNotCompleteReason: 'customer not at home',
    });
    expect(ok.response.statusCode, ok.response.body).toBe(200);
  });

  it('refuses an oversized attachment with a 413 and stores nothing of the push', async () => {
    const { tech, order } = await techOrder('on_site');
    const big = Buffer.alloc(MAX_WORK_ORDER_ATTACHMENT_BYTES + 1, 7);
    const { response } = await step(tech, order, {
      status: 'resolved',
      _attachments: { [`photo-${randomUUID()}`]: photo(big) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'payload_too_large', message: expect.stringContaining('larger than') },
    });
    const stored = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    expect(stored).toMatchObject({ status: 'on_site', _attachments: order['_attachments'] });
  });

  it.each([
    ['no data', (p: ReturnType<typeof photo>) => ({ ...p, data: undefined }), 'has no data'],
    ['a wrong length', (p: ReturnType<typeof photo>) => ({ ...p, length: 99 }), 'not 99'],
    ['not base64', (p: ReturnType<typeof photo>) => ({ ...p, data: '<script>' }), 'not base64'],
    ['a script type', (p: ReturnType<typeof photo>) => ({ ...p, type: 'text/html' }), 'type'],
  ])('refuses an attachment with %s (400)', async (_what, spoil, message) => {
    const { tech, order } = await techOrder('on_site');
    const { response } = await step(tech, order, {
      _attachments: { [`photo-${randomUUID()}`]: spoil(photo(Buffer.from('abc'))) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(message);
  });

  it('keeps attachments and list entries once the server has them: no removal, no rewrite', async () => {
    const { tech, techId, order } = await techOrder('on_site');
    const id = `photo-${randomUUID()}`;
    const entry = {
      id: randomUUID(),
      at: 1_800_000_000_000,
      by: techId,
      part: 'valve',
      quantity: 1,
    };
    // Earlier tests may have worked this order already: append to what it has.
    const parts = order['partsUsed'] as object[];
    const attachments = order['_attachments'] as object;
    const first = await step(tech, order, {
      partsUsed: [...parts, entry],
      _attachments: { ...attachments, [id]: photo(Buffer.from('first')) },
    });
    expect(first.response.statusCode, first.response.body).toBe(200);
    const stored = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;

    const removed = await step(tech, stored, { _attachments: {} });
    expect(removed.response.statusCode).toBe(400);
    expect(removed.response.json().error.message).toContain('may not be removed or replaced');
    const replaced = await step(tech, stored, {
      _attachments: { ...attachments, [id]: photo(Buffer.from('other!')) },
    });
    expect(replaced.response.statusCode).toBe(400);
    const rewritten = await step(tech, stored, {
      partsUsed: [...parts, { ...entry, quantity: 9 }],
    });
    expect(rewritten.response.statusCode).toBe(400);
    expect(rewritten.response.json().error.message).toContain('append-only');
    const forged = await step(tech, stored, {
      partsUsed: [...parts, entry, { ...entry, id: randomUUID(), by: randomUUID() }],
    });
    expect(forged.response.statusCode, forged.response.body).toBe(403);
  });

  it("refuses another technician's order and hides its attachments", async () => {
    const { tech, order } = await techOrder('on_site');
    const id = `photo-${randomUUID()}`;
    expect(
      (
        await step(tech, order, {
          _attachments: { ...(order['_attachments'] as object), [id]: photo(Buffer.from('x')) },
        })
      ).response.statusCode,
    ).toBe(200);
    const tech2 = await syncClient(server(), 'tech2');
    const stored = (await tech.pullAll('work_orders')).documents.find((d) => d.id === order.id)!;
    const push = await tech2.push('work_orders', [
      { assumedMasterState: stored, newDocumentState: { ...stored, status: 'resolved' } },
    ]);
    expect(push.statusCode).toBe(403);
    expect(push.json().error.message).toContain('not assigned to you');
    const read = await server().app.inject({
      method: 'GET',
      url: attachmentPath(order.id, id),
      headers: bearer(tech2.accessToken),
    });
    expect(read.statusCode).toBe(404);
    // The supervisor of the tenant sees it.
    const supervisor = await syncClient(server(), 'supervisor');
    const allowed = await server().app.inject({
      method: 'GET',
      url: attachmentPath(order.id, id),
      headers: bearer(supervisor.accessToken),
    });
    expect(allowed.statusCode).toBe(200);
  });
});
