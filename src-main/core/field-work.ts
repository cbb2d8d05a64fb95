import { randomUUID } from 'node:crypto';
import type { RxDocument } from 'rxdb';
import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import type { FieldOrder, FieldOrderSummary } from '../../src-shared/contract/field-work';
import {
  CLOSED_WORK_ORDER_STATUSES,
  technicianMayMove,
  TECHNICIAN_TRANSITIONS,
} from '../../src-shared/domain/work-order';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import {
  MAX_WORK_ORDER_ATTACHMENT_BYTES,
  MAX_WORK_ORDER_ATTACHMENTS,
  type WorkOrderDoc,
} from '../../src-shared/rxdb/work-orders';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { UnsyncedDocument } from '../sync/start-sync';
import { conflictHandlers } from './field-conflicts';
import { cleanUpClosedOrders, attachmentBytes, type StorageBudget } from './field-storage';

type FieldWorkCommand =
  | 'fieldWork.list'
  | 'fieldWork.get'
  | 'fieldWork.setStatus'
  | 'fieldWork.addNote'
  | 'fieldWork.addPart'
  | 'fieldWork.addTime'
  | 'fieldWork.uploadChunk'
  | 'fieldWork.addAttachment'
  | 'fieldWork.getAttachment'
  | 'fieldWork.pending'
  | 'fieldWork.storage'
  | 'sync.retryNow'
  | 'conflicts.list'
  | 'conflicts.reapply'
  | 'conflicts.dismiss';

export type FieldWorkOptions = {
  replica: ReplicaDatabase | null;
  /** The signed-in user's id ('' when nobody is). */
  userId: () => string;
  /** What the server has not accepted yet (empty when sync does not run: then nothing is known to be synced). */
  unsynced: () => Promise<UnsyncedDocument[] | null>;
  retrySync: () => Promise<void>;
  budget: StorageBudget;
  now?: () => number;
};

export type FieldWork = {
  handlers: Pick<CommandHandlers, FieldWorkCommand>;
  /** Runs the clean-up of closed orders (at sign-in and before an attachment is added). */
  cleanUp(): Promise<number>;
};

const unavailable = () =>
  new ContractError({ code: 'unavailable', message: 'this desktop has no offline replica' });
const invalid = (message: string) => new ContractError({ code: 'invalid_state', message });

/** A map link for an address: an https: URL the core's external-link check lets out. */
export function mapUrlOf(address: string): string {
  if (!address.trim()) return '';
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

function addressOf(order: WorkOrderDoc): string {
  const a = order.address;
  if (!a) return '';
  return [a.line1, a.line2, a.district, a.city, a.province, a.postalCode]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
}

const kindOf = (attachmentId: string) =>
  attachmentId.startsWith('photo-')
    ? ('photo' as const)
    : attachmentId.startsWith('signature-')
      ? ('signature' as const)
      : ('file' as const);

/**
 * The field technician's work on his replica: every command reads and writes the local
 * documents only, so all of it works offline; sync uploads the changes when the server can
 * be reached. Each change is stamped with the device's time.
 */
export function createFieldWork(options: FieldWorkOptions): FieldWork {
  const now = options.now ?? Date.now;
  const uploads = new Map<string, Buffer[]>();

  function db(): ReplicaDatabase {
    if (!options.replica) throw unavailable();
    return options.replica;
  }
  function me(): string {
    const id = options.userId();
    if (!id) throw new ContractError({ code: 'unauthorized', message: 'nobody is signed in' });
    return id;
  }
  async function unsyncedById(): Promise<Map<string, string[]>> {
    const list = (await options.unsynced()) ?? [];
    return new Map(list.map((u) => [u.id, u.fields]));
  }
  async function myOrder(id: string): Promise<RxDocument<WorkOrderDoc>> {
    const order = await db().work_orders.findOne(id).exec();
    if (!order || order.assigneeId !== me()) {
      throw new ContractError({ code: 'bad_request', message: `no work order ${id} of yours` });
    }
    return order;
  }
  async function customersOf(ids: string[]): Promise<Map<string, CustomerDoc>> {
    const found = await db()
      .customers.findByIds([...new Set(ids)])
      .exec();
    return new Map([...found.values()].map((c) => [c.id, c.toJSON() as CustomerDoc]));
  }
  function summary(
    order: WorkOrderDoc,
    customer: CustomerDoc | undefined,
    unsynced: string[] | undefined,
  ): FieldOrderSummary {
    const address = addressOf(order) || customer?.address?.line1 || '';
    return {
      id: order.id,
      number: order.number,
      type: order.type,
      status: order.status,
      priority: order.priority,
      appointmentStart: order.appointmentStart,
      appointmentEnd: order.appointmentEnd,
      address,
      mapUrl: mapUrlOf(address),
      description: order.description,
      customer: customer
        ? {
            name: customer.name,
            phones: customer.phones.filter((p) => p !== ''),
            emails: customer.emails,
          }
        : null,
      unsynced: (unsynced?.length ?? 0) > 0,
    };
  }
  async function detail(id: string): Promise<FieldOrder> {
    const doc = await myOrder(id);
    const order = doc.toJSON(true) as unknown as WorkOrderDoc & {
      _attachments?: Record<string, { type: string; length: number }>;
    };
    const customer = (await customersOf([order.customerId])).get(order.customerId);
    const unsynced = (await unsyncedById()).get(id);
    return {
      ...summary(order, customer, unsynced),
      history: order.history,
      partsUsed: order.partsUsed ?? [],
      timeSpent: order.timeSpent ?? [],
      couldNotCompleteReason: order.couldNotCompleteReason ?? '',
      attachments: Object.entries(order._attachments ?? {}).map(([attachmentId, a]) => ({
        id: attachmentId,
        kind: kindOf(attachmentId),
        type: a.type,
        length: a.length,
      })),
      nextStatuses: [...TECHNICIAN_TRANSITIONS[order.status]],
      unsyncedFields: unsynced ?? [],
    };
  }
  async function change(id: string, patch: (order: WorkOrderDoc) => Partial<WorkOrderDoc>) {
    const doc = await myOrder(id);
    await doc.incrementalModify((current) => ({ ...current, ...patch(current) }));
    return detail(id);
  }

  const cleanUp = async () => {
    if (!options.replica || !options.userId()) return 0;
    return cleanUpClosedOrders(options.replica, options.budget, await options.unsynced(), now());
  };

  const handlers: FieldWork['handlers'] = {
    async 'fieldWork.list'() {
      const orders = await db()
        .work_orders.find({
          selector: { assigneeId: me() },
          sort: [{ appointmentStart: 'asc' }, { id: 'asc' }],
        })
        .exec();
      const docs = orders.map((o) => o.toJSON() as WorkOrderDoc);
      const customers = await customersOf(docs.map((o) => o.customerId));
      const unsynced = await unsyncedById();
      return {
        orders: docs.map((o) => summary(o, customers.get(o.customerId), unsynced.get(o.id))),
      };
    },
    'fieldWork.get': ({ id }) => detail(id),
    async 'fieldWork.setStatus'({ id, to, reason }) {
      const by = me();
      const order = await myOrder(id);
      if (!technicianMayMove(order.status, to)) {
        throw invalid(`a work order cannot move from ${order.status} to ${to}`);
      }
      if (to === 'could_not_complete' && !reason) {
        throw new ContractError({
          code: 'bad_request',
          message: 'could not complete needs a reason',
          issues: [{ path: 'reason', message: 'required' }],
        });
      }
      return change(id, (current) => ({
        status: to,
        ...(to === 'could_not_complete' ? { couldNotCompleteReason: reason } : {}),
        history: [
          ...current.history,
          {
            at: now(),
            by,
            action: 'status',
            from: current.status,
            to,
            ...(reason ? { note: reason } : {}),
          },
        ],
      }));
    },
    async 'fieldWork.addNote'({ id, note }) {
      const by = me();
      return change(id, (current) => ({
        history: [...current.history, { at: now(), by, action: 'note', note }],
      }));
    },
    async 'fieldWork.addPart'({ id, part, quantity }) {
      const by = me();
      return change(id, (current) => ({
        partsUsed: [
          ...(current.partsUsed ?? []),
          { id: randomUUID(), at: now(), by, part, quantity },
        ],
      }));
    },
    async 'fieldWork.addTime'({ id, minutes, note }) {
      const by = me();
      return change(id, (current) => ({
        timeSpent: [
          ...(current.timeSpent ?? []),
          { id: randomUUID(), at: now(), by, minutes, ...(note ? { note } : {}) },
        ],
      }));
    },
    async 'fieldWork.uploadChunk'({ uploadId, index, data }) {
      me();
      const chunks = uploads.get(uploadId) ?? [];
      if (index !== chunks.length) throw invalid(`expected piece ${chunks.length}, got ${index}`);
      const bytes = Buffer.from(data, 'base64');
      const received = chunks.reduce((n, c) => n + c.length, 0) + bytes.length;
      if (received > MAX_WORK_ORDER_ATTACHMENT_BYTES) {
        uploads.delete(uploadId);
        throw new ContractError({
          code: 'payload_too_large',
          message: `an attachment may have at most ${MAX_WORK_ORDER_ATTACHMENT_BYTES} bytes`,
        });
      }
      // At most a few uploads at a time: an abandoned one does not pile up.
      if (!uploads.has(uploadId) && uploads.size >= 4) uploads.delete(uploads.keys().next().value!);
      uploads.set(uploadId, [...chunks, bytes]);
      return { received };
    },
    async 'fieldWork.addAttachment'({ id, uploadId, kind, type }) {
      me();
      const chunks = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (!chunks || chunks.length === 0) throw invalid(`no upload ${uploadId}`);
      const bytes = Buffer.concat(chunks);
      if (kind !== 'file' && !type.startsWith('image/')) {
        throw new ContractError({ code: 'bad_request', message: `a ${kind} must be an image` });
      }
      const order = await myOrder(id);
      if (Object.keys(order.toJSON(true)._attachments ?? {}).length >= MAX_WORK_ORDER_ATTACHMENTS) {
        throw invalid(`a work order may have at most ${MAX_WORK_ORDER_ATTACHMENTS} attachments`);
      }
      await cleanUp();
      const used = await attachmentBytes(db());
      if (used + bytes.length > options.budget.quotaBytes) {
        throw new ContractError({
          code: 'payload_too_large',
          message: `the attachments quota (${options.budget.quotaBytes} bytes) is full: sync, then closed orders are cleaned up`,
        });
      }
      await order.putAttachment({
        id: `${kind}-${randomUUID()}`,
        data: new Blob([bytes], { type }),
        type,
      });
      // The attachment is part of the change history too, with the device's time.
      return change(id, (current) => ({
        history: [...current.history, { at: now(), by: me(), action: 'edited', to: kind }],
      }));
    },
    async 'fieldWork.getAttachment'({ id, attachmentId }) {
      const order = await myOrder(id);
      const attachment = order.getAttachment(attachmentId);
      if (!attachment)
        throw new ContractError({ code: 'bad_request', message: 'no such attachment' });
      const data = Buffer.from(await (await attachment.getData()).arrayBuffer());
      return { type: attachment.type, data: data.toString('base64') };
    },
    async 'fieldWork.pending'() {
      const list = (await options.unsynced()) ?? [];
      const orders = await db()
        .work_orders.findByIds(list.map((u) => u.id))
        .exec();
      return {
        orders: list
          .filter((u) => orders.has(u.id))
          .map((u) => ({ id: u.id, number: orders.get(u.id)!.number, fields: u.fields })),
      };
    },
    async 'fieldWork.storage'() {
      const replica = db();
      const orders = await replica.work_orders.find().exec();
      const before = now() - options.budget.cleanUpAfterDays * 86_400_000;
      return {
        attachmentBytes: await attachmentBytes(replica),
        quotaBytes: options.budget.quotaBytes,
        removableOrders: orders.filter(
          (o) => CLOSED_WORK_ORDER_STATUSES.includes(o.status) && o.updatedAt < before,
        ).length,
      };
    },
    async 'sync.retryNow'() {
      await options.retrySync();
      return {};
    },
    ...conflictHandlers(() => db()),
  };
  return { handlers, cleanUp };
}
