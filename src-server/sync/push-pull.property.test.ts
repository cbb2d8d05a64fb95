import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { WORK_ORDER_STATUSES } from '../../src-shared/rxdb/work-orders';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../src-shared/sync/protocol';
import { bearer, useTestServer } from '../test-support/test-server';
import { sameContent } from './push';
import { TECHNICIAN_FIELDS } from './technician-rules';
import { syncClient } from './sync-test-helpers';

/**
 * Property tests of the push and pull endpoints against the real server (PostgreSQL when
 * DATABASE_URL is set). fast-check prints the seed and the shrunk counterexample of a failure;
 * replay one with FC_SEED=<seed>.
 */
const SEED = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : Date.now() % 2_147_483_647;
const RUNS = Number(process.env['FC_RUNS'] ?? 12);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;
console.warn(`push-pull properties: seed ${SEED}, ${RUNS} runs (FC_SEED=${SEED} to replay)`);

type Client = Awaited<ReturnType<typeof syncClient>>;
type Customer = CustomerDoc & { _deleted: boolean };
type Row = { assumedMasterState: Customer | null; newDocumentState: Customer };

const text = (min: number, max: number) =>
  fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
const phone = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9]{7,12}$/))
  .map(([lead, rest]) => `+${lead}${rest}`);
/** Any address the replica schema accepts: any subset of its fields, the empty one too. */
const address = fc.record(
  {
    line1: text(0, 60),
    line2: text(0, 60),
    district: text(0, 30),
    city: text(0, 30),
    province: text(0, 30),
    postalCode: fc.stringMatching(/^[0-9A-Z -]{0,10}$/),
    country: fc.constantFrom('CN', 'US', 'HK'),
  },
  { requiredKeys: [] },
);
/** Any value the replica schema accepts for the fields an agent edits. */
const customerFields = fc.record({
  name: text(1, 60),
  phones: fc.uniqueArray(phone, { maxLength: 4 }),
  emails: fc.array(
    fc.emailAddress().filter((e) => e.length <= 254),
    { maxLength: 10 },
  ),
  vipTier: fc.constantFrom('none', 'silver', 'gold', 'platinum' as const),
  tags: fc.array(text(1, 20), { maxLength: 5 }),
  address: fc.option(address, { nil: undefined }),
});
type Fields = typeof customerFields extends fc.Arbitrary<infer T> ? T : never;

function customer(id: string, fields: Fields, deleted = false): Customer {
  const { address, ...rest } = fields;
  const doc: CustomerDoc = {
    id,
    ...rest,
    ...deriveCustomerKeys({ name: rest.name, phones: rest.phones }),
    accountNumber: `P-${id.slice(0, 8)}`,
    ...(address ? { address } : {}),
    updatedAt: 0,
    serverSeq: 0,
  };
  return { ...doc, _deleted: deleted };
}

/** One step a client may take on the customers it knows. */
type Step =
  | { kind: 'create'; fields: Fields }
  | { kind: 'update'; pick: number; fields: Partial<Fields>; stale: boolean }
  | { kind: 'delete'; pick: number }
  | { kind: 'retry' };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), fields: customerFields }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    fields: customerFields.chain((f) =>
      fc
        .subarray(Object.keys(f) as (keyof Fields)[], { minLength: 1 })
        .map((keys) => Object.fromEntries(keys.map((k) => [k, f[k]])) as Partial<Fields>),
    ),
    stale: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.constant({ kind: 'retry' as const }),
);

async function pullAfter(client: Client, collection: string, after: SyncCheckpoint | null) {
  const documents: WireDocument[] = [];
  let checkpoint = after;
  for (;;) {
    const response = await client.pull(collection, checkpoint, 37);
    expect(response.statusCode).toBe(200);
    const page = response.json() as PullResponse;
    if (page.documents.length === 0) return { documents, checkpoint };
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
  }
}

const key = (d: WireDocument) => [d['serverSeq'] as number, d.id] as const;
const after = (a: readonly [number, string], b: readonly [number, string]) =>
  a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

describe('properties of push and pull', { timeout: 120_000 }, () => {
  const server = useTestServer({
    demoSize: 8,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  let agent: Client;
  let acme: Client;
  beforeAll(async () => {
    agent = await syncClient(server(), 'agent');
    acme = await syncClient(server(), 'agent', 'acme');
  });

  it('after any sequence of pushes, a pull returns exactly the accepted state, in sequence order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const start = (await pullAfter(agent, 'customers', null)).checkpoint;
        /** What the server must hold: our model of the master state of each document. */
        const model = new Map<string, Customer>();
        /** Older states of each document, to push as stale assumed masters. */
        const history = new Map<string, Customer[]>();
        const changed = new Set<string>();
        let last: Row | null = null;
        for (const s of steps) {
          const ids = [...model.keys()];
          let row: Row | null = null;
          if (s.kind === 'create') {
            row = { assumedMasterState: null, newDocumentState: customer(randomUUID(), s.fields) };
          } else if (s.kind === 'retry') {
            row = last;
          } else if (ids.length > 0) {
            const id = ids[s.pick % ids.length]!;
            const master = model.get(id)!;
            const older = history.get(id)!;
            const stale = s.kind === 'update' && s.stale && older.length > 1 ? older[0]! : null;
            const next =
              s.kind === 'delete'
                ? { ...master, _deleted: true }
                : customer(id, { ...master, ...s.fields } as Fields, master._deleted);
            row = { assumedMasterState: stale ?? master, newDocumentState: next };
          }
          if (!row) continue;
          const { assumedMasterState: assumed, newDocumentState: next } = row;
          const master = model.get(next.id);
          // The protocol: a push equal to the master is a no-op; one whose assumed master is
          // not the master is a conflict answered with the master; any other is applied.
          const unchanged = master !== undefined && sameContent(master, next);
          const conflict =
            master !== undefined && !unchanged && (!assumed || !sameContent(assumed, master));
          const answer = await agent.pushOk('customers', [row]);
          if (conflict) {
            expect(answer.conflicts).toHaveLength(1);
            expect(content(answer.conflicts[0]!)).toEqual(content(master));
          } else {
            expect(answer.conflicts).toEqual([]);
            if (!unchanged) changed.add(next.id);
            model.set(next.id, next);
            history.set(next.id, [...(history.get(next.id) ?? []), next]);
          }
          last = row;
        }
        const pulled = (await pullAfter(agent, 'customers', start)).documents;
        // Strictly increasing (serverSeq, id): a checkpoint never skips nor repeats.
        for (let i = 1; i < pulled.length; i++) {
          expect(after(key(pulled[i]!), key(pulled[i - 1]!))).toBe(true);
        }
        expect(new Set(pulled.map((d) => d.id))).toEqual(changed);
        for (const doc of pulled) expect(content(doc)).toEqual(content(model.get(doc.id)!));
        // Another tenant sees none of it.
        const foreign = (await pullAfter(acme, 'customers', null)).documents;
        expect(foreign.filter((d) => model.has(d.id))).toEqual([]);
      }),
      params,
    );
  });

  it('stores every valid customer whole (full addresses, several emails) and every client pulls it back exactly', async () => {
    const supervisor = await syncClient(server(), 'supervisor');
    await fc.assert(
      fc.asyncProperty(customerFields, customerFields, async (first, second) => {
        const created = customer(randomUUID(), first);
        const before = (await pullAfter(supervisor, 'customers', null)).checkpoint;
        await agent.pushOk('customers', [{ newDocumentState: created }]);
        const [pulled] = (await pullAfter(supervisor, 'customers', before)).documents;
        expect(content(pulled!)).toEqual(content(created));
        // An edit of every field, the address removed or replaced, round-trips as well.
        const edited = customer(created.id, second);
        const answer = await supervisor.pushOk('customers', [
          { assumedMasterState: pulled, newDocumentState: edited },
        ]);
        expect(answer.conflicts).toEqual([]);
        const [again] = (await pullAfter(agent, 'customers', before)).documents.filter(
          (d) => d.id === created.id,
        );
        expect(content(again!)).toEqual(content(edited));
      }),
      params,
    );
  });

  it('stores every valid work order whole (priority 1..5, full address) and every client pulls it back exactly', async () => {
    const supervisor = await syncClient(server(), 'supervisor');
    const me = (
      (
        await server().app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer(agent.accessToken),
        })
      ).json() as { id: string }
    ).id;
    const customerId = (await pullAfter(agent, 'customers', null)).documents[0]!.id;
    const orderFields = fc.record({
      priority: fc.integer({ min: 1, max: 5 }),
      address: fc.option(address, { nil: undefined }),
      description: text(0, 80),
      area: fc.constantFrom('service', 'product', 'app', 'billing', 'other'),
    });
    const order = (
      id: string,
      f: typeof orderFields extends fc.Arbitrary<infer T> ? T : never,
    ) => ({
      id,
      number: `P-${id.slice(0, 8)}`,
      type: 'suggestion',
      status: 'new',
      priority: f.priority,
      customerId,
      assigneeId: '',
      queueId: '',
      details: { area: f.area },
      appointmentStart: 0,
      appointmentEnd: 0,
      ...(f.address ? { address: f.address } : {}),
      description: f.description,
      history: [{ at: 1_700_000_000_000, by: me, action: 'created' }],
      partsUsed: [],
      timeSpent: [],
      couldNotCompleteReason: '',
      updatedAt: 0,
      serverSeq: 0,
      _attachments: {},
      _deleted: false,
    });
    await fc.assert(
      fc.asyncProperty(orderFields, orderFields, async (first, second) => {
        const created = order(randomUUID(), first);
        const before = (await pullAfter(supervisor, 'work_orders', null)).checkpoint;
        await agent.pushOk('work_orders', [{ newDocumentState: created }]);
        const [pulled] = (await pullAfter(supervisor, 'work_orders', before)).documents;
        expect(content(pulled!)).toEqual(content(created));
        const edited = order(created.id, second);
        const answer = await supervisor.pushOk('work_orders', [
          { assumedMasterState: pulled, newDocumentState: edited },
        ]);
        expect(answer.conflicts).toEqual([]);
        const [again] = (await pullAfter(agent, 'work_orders', before)).documents.filter(
          (d) => d.id === created.id,
        );
        expect(content(again!)).toEqual(content(edited));
      }),
      params,
    );
  });

  it('a technician’s push of his own order is applied only within his rights, else 403 naming the field with nothing written', async () => {
    const tech = await syncClient(server(), 'tech');
    const tech2 = await syncClient(server(), 'tech2');
    const me = async (client: Client) =>
      (
        (
          await server().app.inject({
            method: 'GET',
            url: '/api/me',
            headers: bearer(client.accessToken),
          })
        ).json() as { id: string }
      ).id;
    const [techId, tech2Id] = [await me(tech), await me(tech2)];
    const change = fc.record(
      {
        status: fc.constantFrom(...WORK_ORDER_STATUSES),
        note: fc.record({ mine: fc.boolean(), text: text(1, 40) }),
        priority: fc.integer({ min: 1, max: 5 }),
        description: text(0, 40),
        assigneeId: fc.constant(tech2Id),
        _deleted: fc.constant(true),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(change, fc.nat(), async (edit, at) => {
        const mine = (await pullAfter(tech, 'work_orders', null)).documents.filter(
          (d) => !d._deleted,
        );
        const master = mine[at % mine.length]!;
        const { note, ...fields } = edit;
        const next: WireDocument = { ...master, ...fields };
        if (note) {
          const by = note.mine ? techId : tech2Id;
          const entry = { at: 1_700_000_000_000 + at, by, action: 'note', note: note.text };
          next['history'] = [...(master['history'] as unknown[]), entry];
        }
        const changed = Object.keys(next).filter(
          (k) => JSON.stringify(next[k]) !== JSON.stringify(master[k]),
        );
        const before = (await pullAfter(tech, 'work_orders', null)).checkpoint;
        const response = await tech.push('work_orders', [
          { assumedMasterState: master, newDocumentState: next },
        ]);
        const after = (await pullAfter(tech, 'work_orders', before)).documents;
        if (response.statusCode === 200) {
          expect(changed.every((f) => TECHNICIAN_FIELDS.includes(f))).toBe(true);
          expect(note === undefined || note.mine).toBe(true);
          if (changed.length > 0) expect(after.map(content)).toEqual([content(next)]);
        } else {
          expect(response.statusCode).toBe(403);
          const message = (response.json() as { error: { message: string } }).error.message;
          expect(
            changed.some((f) => message.includes(`'${f}'`)) || message.includes('pushing user'),
          ).toBe(true);
          expect(after).toEqual([]);
        }
      }),
      { ...params, numRuns: RUNS * 2 },
    );
    // Another technician's order: refused whatever the change, without its content.
    const others = (await pullAfter(tech2, 'work_orders', null)).documents;
    await fc.assert(
      fc.asyncProperty(change, fc.nat(), async (edit, at) => {
        const master = others[at % others.length]!;
        const { note: _note, ...fields } = edit;
        const response = await tech.push('work_orders', [
          {
            assumedMasterState: master,
            newDocumentState: { ...master, ...fields, description: 'x' },
          },
        ]);
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain(String(master['number']));
      }),
      params,
    );
  });

  /** Pushes that must be refused whole: a 4xx, a clear message, and nothing written. */
  const hostile = fc.oneof(
    fc
      .anything()
      .filter((rows) => !(Array.isArray(rows) && rows.length === 0))
      .map((rows) => ({ label: 'random rows', rows })),
    fc
      .tuple(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()), fc.boolean())
      .map(([doc, withId]) => ({
        label: 'random document',
        rows: [{ newDocumentState: withId ? { ...doc, id: randomUUID(), _deleted: false } : doc }],
      })),
    fc
      .tuple(
        fc.array(customerFields, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<[string, unknown]>(
          ['name', 42],
          ['name', ''],
          ['name', 'x'.repeat(201)],
          ['phones', ['+1']],
          ['phones', ['+8613800138000', '+8613800138000']],
          ['vipTier', 'diamond'],
          ['tags', 'not-an-array'],
          ['emails', Array.from({ length: 11 }, (_, i) => `${i}@x.cn`)],
          ['id', 'not-a-uuid'],
          ['isAdmin', true],
          ['tenantId', '00000000-0000-0000-0000-000000000000'],
          ['_deleted', 'yes'],
          ['serverSeq', -1],
        ),
        fc.nat(),
      )
      .map(([valid, [field, value], at]) => {
        const rows = valid.map((f) => ({ newDocumentState: customer(randomUUID(), f) }));
        const bad = rows[at % rows.length]!;
        bad.newDocumentState = { ...bad.newDocumentState, [field]: value } as never;
        return {
          label: `valid rows but one with ${field}=${JSON.stringify(value).slice(0, 20)}`,
          rows,
        };
      }),
  );

  it('refuses any malformed push with a 4xx, writes nothing of the batch, and the pull is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async ({ rows }) => {
        const before = (await pullAfter(agent, 'customers', null)).checkpoint;
        const response = await agent.push('customers', rows);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json()).toMatchObject({ error: { message: expect.any(String) } });
        expect((await pullAfter(agent, 'customers', before)).documents).toEqual([]);
      }),
      { ...params, numRuns: RUNS * 4 },
    );
  });

  it('with any forged checkpoint, a pull returns only rows of the puller’s scope, after that checkpoint', async () => {
    const tech = await syncClient(server(), 'tech');
    const techId = (
      (
        await server().app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer(tech.accessToken),
        })
      ).json() as { id: string }
    ).id;
    const demoAll = new Map(
      (['customers', 'work_orders', 'interactions'] as const).map((c) => [c, new Set<string>()]),
    );
    for (const [collection, ids] of demoAll) {
      for (const d of (await pullAfter(agent, collection, null)).documents) ids.add(d.id);
    }
    const techOrders = (await pullAfter(agent, 'work_orders', null)).documents.filter(
      (o) => o['assigneeId'] === techId,
    );
    const techCustomers = new Set(techOrders.map((o) => o['customerId'] as string));
    const checkpoint = fc.record({
      serverSeq: fc.oneof(fc.nat({ max: 5000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      id: fc.oneof(fc.uuid(), fc.constant('')),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('agent', 'acme', 'tech'),
        fc.constantFrom('customers', 'work_orders', 'interactions' as const),
        checkpoint,
        fc.integer({ min: 1, max: 500 }),
        async (who, collection, cp, limit) => {
          const client = who === 'agent' ? agent : who === 'acme' ? acme : tech;
          const response = await client.pull(collection, cp, limit);
          expect(response.statusCode).toBe(200);
          const { documents } = response.json() as PullResponse;
          expect(documents.length).toBeLessThanOrEqual(limit);
          for (const doc of documents) {
            expect(
              after(key(doc), [cp.serverSeq, cp.id || '00000000-0000-0000-0000-000000000000']),
            ).toBe(true);
            const demoRow = demoAll.get(collection)!.has(doc.id);
            if (who === 'acme') expect(demoRow).toBe(false);
            else expect(demoRow).toBe(true);
            if (who === 'tech' && collection === 'work_orders') {
              expect(doc['assigneeId'] === techId || doc._deleted).toBe(true);
            }
            if (who === 'tech' && collection === 'customers') {
              expect(techCustomers.has(doc.id) || doc._deleted).toBe(true);
            }
            if (who === 'tech') expect(collection).not.toBe('interactions');
          }
        },
      ),
      { ...params, numRuns: RUNS * 4 },
    );
  });
});

/** A document without the fields the server maintains. */
function content({ serverSeq: _s, updatedAt: _u, ...rest }: WireDocument) {
  return rest;
}
