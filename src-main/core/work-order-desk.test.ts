import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import type { WorkOrderFormInput } from '../../src-shared/domain/work-order-forms';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';
import { openReplica, type ReplicaDatabase } from '../replica/open-replica';
import { CallLinks } from './call-links';
import { createDispatcher } from './dispatch';
import { createWorkOrderDesk } from './work-order-desk';

const AGENT = '00000000-0000-4000-8000-0000000000a1';
const TECH = '00000000-0000-4000-8000-0000000000b1';
const CUSTOMER = '6f1c2a80-0000-4000-8000-000000000001';

const customer: CustomerDoc = {
  id: CUSTOMER,
  name: '张三丰',
  phones: ['+8613800138000'],
  emails: [],
  accountNumber: 'C00000001',
  vipTier: 'gold',
  tags: [],
  nameKey: '',
  pinyinKey: '',
  phoneRev0: '',
  phoneRev1: '',
  phoneRev2: '',
  phoneRev3: '',
  address: { city: '北京市', district: '朝阳区', line1: '朝阳路 1 号' },
  updatedAt: 1,
  serverSeq: 1,
};

/** Reference documents in the shape the server's reference sync sends (kinds user, queue). */
const reference = (kind: 'user' | 'queue', key: string, data: Record<string, unknown>) =>
  ({
    id: `${kind}:${key}`,
    kind,
    key,
    label: { en: key, zhCN: key },
    active: true,
    sortOrder: 0,
    data,
    updatedAt: 1,
    serverSeq: 1,
  }) satisfies ReferenceDoc;

let replica: ReplicaDatabase;
let links: CallLinks;
let dispatch: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-wo-desk-'));
  replica = await openReplica({ dataDir, devMode: false });
  await replica.customers.insert(customer);
  await replica.reference.bulkInsert([
    reference('user', TECH, { role: 'technician', username: 'tech' }),
    reference('user', AGENT, { role: 'agent', username: 'agent' }),
    reference('queue', 'billing', { backOffice: true }),
    reference('queue', 'inbound', { backOffice: false }),
  ]);
  links = new CallLinks();
  const desk = createWorkOrderDesk({ replica, userId: () => AGENT, links, now: () => 1_000 });
  // Through the real dispatcher: the contract's zod schemas run as they do for the renderer.
  dispatch = createDispatcher(desk.handlers as never, { error: () => undefined });
});
afterEach(async () => {
  await replica.close();
});

const repair = (change: Partial<WorkOrderFormInput> = {}): WorkOrderFormInput =>
  ({
    type: 'repair',
    customerId: CUSTOMER,
    priority: 3,
    description: '宽带无法上网',
    dispatch: { kind: 'technician', assigneeId: TECH },
    details: { equipment: '光猫', symptom: '红灯闪烁' },
    callId: 'call-1',
    ...change,
  }) as WorkOrderFormInput;

describe('workOrders.create', () => {
  it('writes a pending order into the replica, dispatched, with a created entry, linked to the call', async () => {
    const outcome = await dispatch('workOrders.create', repair());
    expect(outcome.ok).toBe(true);
    const { id, number } = (outcome as { result: { id: string; number: string } }).result;
    const stored = (await replica.work_orders.findOne(id).exec())!.toJSON();
    expect(stored).toMatchObject({
      number,
      type: 'repair',
      status: 'assigned',
      assigneeId: TECH,
      queueId: '',
      serverSeq: 0,
      details: { equipment: '光猫', symptom: '红灯闪烁' },
      address: { line1: '北京市朝阳区朝阳路 1 号' },
      history: [
        { at: 1_000, by: AGENT, action: 'created' },
        { at: 1_000, by: AGENT, action: 'assigned', to: `user:${TECH}` },
      ],
    });
    expect(number).toMatch(/^WO-[0-9A-Z]+-[0-9A-Z]{4}$/);
    expect(links.workOrdersFor('call-1')).toEqual([id]);
  });

  it('allocates a different number for each order, offline', async () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const outcome = await dispatch('workOrders.create', repair({ callId: undefined }));
      numbers.add((outcome as { result: { number: string } }).result.number);
    }
    expect(numbers.size).toBe(20);
  });

  it('dispatches to a back-office queue, not to a queue that is not one', async () => {
    const ok = await dispatch(
      'workOrders.create',
      repair({ dispatch: { kind: 'queue', queueId: 'billing' } }),
    );
    expect(ok.ok).toBe(true);
    const refused = await dispatch(
      'workOrders.create',
      repair({ dispatch: { kind: 'queue', queueId: 'inbound' } }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        issues: [{ path: 'dispatch.queueId', message: 'workOrderForm.errors.dispatch' }],
      },
    });
  });

  it('refuses to dispatch to a user who is not a technician', async () => {
    const refused = await dispatch(
      'workOrders.create',
      repair({ dispatch: { kind: 'technician', assigneeId: AGENT } }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await replica.work_orders.count().exec()).toBe(0);
  });

  it.each([
    [
      'a repair without its symptom',
      repair({ details: { equipment: '光猫' } as never }),
      'details.symptom',
      'workOrderForm.errors.required',
    ],
    [
      'a field of another type',
      repair({ details: { equipment: 'x', symptom: 'y', hazard: 'gas' } as never }),
      'details',
      undefined,
    ],
    [
      'an appointment without a window',
      repair({
        type: 'appointment',
        details: { purpose: '上门', contactOnArrival: true },
      } as never),
      'window',
      'workOrderForm.errors.window',
    ],
    [
      'a window ending before it starts',
      repair({
        type: 'appointment',
        details: { purpose: '上门', contactOnArrival: true },
        window: { start: 2_000, end: 1_000 },
      } as never),
      'window.end',
      'workOrderForm.errors.windowOrder',
    ],
    [
      'an emergency at routine priority',
      repair({
        type: 'emergency_repair',
        priority: 4,
        details: { hazard: 'gas', peopleAtRisk: true, symptom: '煤气味' },
      } as never),
      'priority',
      'workOrderForm.errors.emergencyPriority',
    ],
    ['an unknown type', repair({ type: 'party' } as never), 'type', undefined],
    [
      'a hostile oversized description',
      repair({ description: 'x'.repeat(10_001) }),
      'description',
      'workOrderForm.errors.tooLong',
    ],
    [
      'a customer id that is not one',
      repair({ customerId: "1' OR 1=1" }),
      'customerId',
      'workOrderForm.errors.customer',
    ],
  ])('refuses %s with a message for the field', async (_label, form, field, message) => {
    const refused = await dispatch('workOrders.create', form);
    expect(refused.ok).toBe(false);
    const issues = (refused as { error: { issues: { path: string; message: string }[] } }).error
      .issues;
    const issue = issues.find(
      (entry) =>
        entry.path === field ||
        entry.path.startsWith(`${field}.`) ||
        (field === 'details' && entry.path === ''),
    );
    expect(issue, JSON.stringify(issues)).toBeDefined();
    if (message) expect(issue!.message).toBe(message);
    expect(await replica.work_orders.count().exec()).toBe(0);
  });

  it('accepts every type with its own fields', async () => {
    const forms: WorkOrderFormInput[] = [
      repair({
        type: 'complaint',
        dispatch: { kind: 'none' },
        details: { category: 'billing', severity: 'high' },
      } as never),
      repair({
        type: 'emergency_repair',
        priority: 1,
        details: { hazard: 'gas', peopleAtRisk: false, symptom: '煤气味' },
      } as never),
      repair({ type: 'service_request', details: { service: 'install' } } as never),
      repair({
        type: 'appointment',
        details: { purpose: '安装', contactOnArrival: true },
        window: { start: 10_000, end: 20_000 },
      } as never),
      repair({
        type: 'inquiry',
        dispatch: { kind: 'none' },
        details: { topic: '资费', answeredOnCall: true },
      } as never),
      repair({ type: 'suggestion', dispatch: { kind: 'none' }, details: { area: 'app' } } as never),
    ];
    for (const form of forms) expect((await dispatch('workOrders.create', form)).ok).toBe(true);
    const appointment = await replica.work_orders
      .findOne({ selector: { type: 'appointment' } })
      .exec();
    expect(appointment?.appointmentStart).toBe(10_000);
    expect(appointment?.appointmentEnd).toBe(20_000);
  });
});

describe('workOrders.update', () => {
  it('appends status, dispatch and note entries; never moves a status backwards', async () => {
    const created = await dispatch('workOrders.create', repair({ dispatch: { kind: 'none' } }));
    const { id } = (created as { result: { id: string } }).result;
    const assigned = await dispatch('workOrders.update', {
      id,
      dispatch: { kind: 'technician', assigneeId: TECH },
      note: '客户下午在家',
    });
    expect(assigned).toMatchObject({ ok: true, result: { status: 'assigned' } });
    const doc = (await replica.work_orders.findOne(id).exec())!;
    expect(doc.history.map((entry) => entry.action)).toEqual([
      'created',
      'assigned',
      'status',
      'note',
    ]);
    const back = await dispatch('workOrders.update', { id, status: 'new' });
    expect(back).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const closed = await dispatch('workOrders.update', { id, status: 'cancelled' });
    expect(closed).toMatchObject({ ok: true, result: { status: 'cancelled' } });
  });

  it('refuses an empty change and an unknown order', async () => {
    expect(await dispatch('workOrders.update', { id: CUSTOMER })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await dispatch('workOrders.update', { id: CUSTOMER, note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'no such work order' },
    });
  });
});

describe('workOrders.update with an edit', () => {
  const created = async (): Promise<string> => {
    const outcome = await dispatch('workOrders.create', repair());
    return (outcome as { result: { id: string } }).result.id;
  };
  const stored = async (id: string) => (await replica.work_orders.findOne(id).exec())!.toJSON();

  it('corrects the form fields, with an edited entry naming them and a rescheduled one', async () => {
    const id = await created();
    const window = { start: Date.UTC(2026, 11, 3, 1), end: Date.UTC(2026, 11, 3, 3) };
    const outcome = await dispatch('workOrders.update', {
      id,
      edit: {
        type: 'repair',
        priority: 1,
        description: '宽带无法上网',
        details: { equipment: '路由器', symptom: '红灯闪烁', accessNotes: '' },
        window,
      },
    });
    expect(outcome).toMatchObject({ ok: true, result: { status: 'assigned' } });
    const order = await stored(id);
    expect(order).toMatchObject({
      priority: 1,
      details: { equipment: '路由器', symptom: '红灯闪烁' },
      appointmentStart: window.start,
      appointmentEnd: window.end,
    });
    expect(order.details).not.toHaveProperty('accessNotes');
    expect(order.history.slice(2)).toEqual([
      { at: 1_000, by: AGENT, action: 'edited', to: 'priority,details' },
      {
        at: 1_000,
        by: AGENT,
        action: 'rescheduled',
        from: '',
        to: '2026-12-03T01:00:00.000Z/2026-12-03T03:00:00.000Z',
      },
    ]);
  });

  it('writes nothing and adds no entry when the edit changes nothing', async () => {
    const id = await created();
    const before = await stored(id);
    const same = {
      type: 'repair',
      priority: 3,
      description: '宽带无法上网',
      details: { equipment: '光猫', symptom: '红灯闪烁' },
    };
    expect(await dispatch('workOrders.update', { id, edit: same })).toMatchObject({ ok: true });
    expect(await stored(id)).toEqual(before);
  });

  it("refuses another type, another type's fields and a routine emergency, and keeps the order", async () => {
    const id = await created();
    const before = await stored(id);
    const asComplaint = await dispatch('workOrders.update', {
      id,
      edit: {
        type: 'complaint',
        priority: 3,
        description: 'x',
        details: { category: 'billing', severity: 'low' },
      },
    });
    expect(asComplaint).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'edit.type' }] },
    });
    const foreignField = await dispatch('workOrders.update', {
      id,
      edit: {
        type: 'repair',
        priority: 3,
        description: 'x',
        details: { equipment: 'a', symptom: 'b', hazard: 'gas' },
      },
    });
    expect(foreignField).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const emergency = await dispatch('workOrders.update', {
      id,
      edit: {
        type: 'emergency_repair',
        priority: 4,
        description: 'x',
        details: { hazard: 'gas', peopleAtRisk: true, symptom: 'smell' },
      },
    });
    expect(emergency).toMatchObject({
      ok: false,
      error: {
        issues: [{ path: 'edit.priority', message: 'workOrderForm.errors.emergencyPriority' }],
      },
    });
    expect(await stored(id)).toEqual(before);
  });

  it('does not edit a closed order', async () => {
    const id = await created();
    await dispatch('workOrders.update', { id, status: 'cancelled' });
    const before = await stored(id);
    const late = await dispatch('workOrders.update', {
      id,
      edit: {
        type: 'repair',
        priority: 1,
        description: 'x',
        details: { equipment: 'a', symptom: 'b' },
      },
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await stored(id)).toEqual(before);
  });
});

describe('without a replica or a user', () => {
  it('answers unavailable, and unauthorized when nobody is signed in', async () => {
    const none = createWorkOrderDesk({ replica: null, userId: () => AGENT, links });
    await expect(
      none.handlers['workOrders.create'](commands['workOrders.create'].args.parse(repair())),
    ).rejects.toMatchObject({ code: 'unavailable' });
    const nobody = createWorkOrderDesk({ replica, userId: () => '', links });
    await expect(
      nobody.handlers['workOrders.create'](commands['workOrders.create'].args.parse(repair())),
    ).rejects.toBeInstanceOf(ContractError);
  });
});
