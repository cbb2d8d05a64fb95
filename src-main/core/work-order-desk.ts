import { randomBytes, randomUUID } from 'node:crypto';
import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import { isWorkOrderOpen, WORK_ORDER_STATUS_PROGRESS } from '../../src-shared/domain/work-order';
import {
  FORM_ERRORS,
  type Dispatch,
  type WorkOrderEdit,
  type WorkOrderForm,
} from '../../src-shared/domain/work-order-forms';
import type { Address } from '../../src-shared/rxdb/common';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type { ReferenceDoc } from '../../src-shared/rxdb/reference';
import { referenceId } from '../../src-shared/rxdb/reference';
import type { WorkOrderDoc, WorkOrderHistoryEntry } from '../../src-shared/rxdb/work-orders';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { CallLinks } from './call-links';

export type WorkOrderHandlers = Pick<CommandHandlers, 'workOrders.create' | 'workOrders.update'>;

export type WorkOrderDeskOptions = {
  replica: ReplicaDatabase | null;
  /** The signed-in user's id ('' when nobody is): the author of every history entry. */
  userId: () => string;
  links: CallLinks;
  now?: () => number;
};

/**
 * Work orders from the agent's desk: validated (the contract has parsed the per-type form
 * already; here the references are checked against the replica), written into the replica
 * with serverSeq 0 — so they show at once, offline too — and pushed by sync later.
 */
export function createWorkOrderDesk(options: WorkOrderDeskOptions): {
  handlers: WorkOrderHandlers;
} {
  const now = options.now ?? Date.now;

  const replicaOf = (): ReplicaDatabase => {
    if (!options.replica) {
      throw new ContractError({
        code: 'unavailable',
        message: 'work orders need the offline replica, which this desktop does not have',
      });
    }
    return options.replica;
  };
  const author = (): string => {
    const userId = options.userId();
    if (!userId) throw new ContractError({ code: 'unauthorized', message: 'not signed in' });
    return userId;
  };

  return {
    handlers: {
      'workOrders.create': async (form) => {
        const replica = replicaOf();
        const by = author();
        const customer = await replica.customers.findOne(form.customerId).exec();
        if (!customer) throw fieldError('customerId', FORM_ERRORS.customer, 'no such customer');
        await checkDispatch(replica, form.dispatch);
        const at = now();
        const doc = newWorkOrder(form, {
          id: randomUUID(),
          number: allocateWorkOrderNumber(at),
          at,
          by,
          address: addressLine(customer.toJSON().address),
        });
        await replica.work_orders.insert(doc);
        if (form.callId) options.links.addWorkOrder(form.callId, doc.id);
        return { id: doc.id, number: doc.number, status: doc.status };
      },
      'workOrders.update': async (change) => {
        const replica = replicaOf();
        const by = author();
        const found = await replica.work_orders.findOne(change.id).exec();
        if (!found) throw new ContractError({ code: 'bad_request', message: 'no such work order' });
        const current = found.toJSON() as WorkOrderDoc;
        if (change.dispatch) await checkDispatch(replica, change.dispatch);
        const at = now();
        const entries: WorkOrderHistoryEntry[] = [];
        const patch: Partial<WorkOrderDoc> = {};
        if (change.status && change.status !== current.status) {
          if (progress(change.status) < progress(current.status)) {
            throw new ContractError({
              code: 'invalid_state',
              message: `a work order does not go back from ${current.status} to ${change.status}`,
            });
          }
          patch.status = change.status;
          entries.push({ at, by, action: 'status', from: current.status, to: change.status });
        }
        if (change.dispatch) {
          const target = dispatchFields(change.dispatch);
          Object.assign(patch, target);
          entries.push({
            at,
            by,
            action: 'assigned',
            from: dispatchLabel(current),
            to: dispatchLabel(target),
          });
          if (change.dispatch.kind === 'technician' && (patch.status ?? current.status) === 'new') {
            patch.status = 'assigned';
            entries.push({ at, by, action: 'status', from: 'new', to: 'assigned' });
          }
        }
        if (change.edit)
          Object.assign(patch, editedFields(current, change.edit, { at, by }, entries));
        if (change.note) entries.push({ at, by, action: 'note', note: change.note });
        if (entries.length === 0) {
          return { id: current.id, number: current.number, status: current.status };
        }
        await found.incrementalModify((doc) => ({
          ...doc,
          ...patch,
          history: [...doc.history, ...entries],
          updatedAt: at,
        }));
        return { id: current.id, number: current.number, status: patch.status ?? current.status };
      },
    },
  };
}

/**
 * A number no other desktop can allocate, offline too: the creation time in base 36 and
 * 4 random base-36 characters (1.6 million choices within one millisecond).
 */
export function allocateWorkOrderNumber(at: number): string {
  const random = [...randomBytes(4)].map((byte) => (byte % 36).toString(36)).join('');
  return `WO-${at.toString(36)}-${random}`.toUpperCase();
}

function newWorkOrder(
  form: WorkOrderForm,
  meta: { id: string; number: string; at: number; by: string; address: string },
): WorkOrderDoc {
  const target = dispatchFields(form.dispatch);
  const assigned = form.dispatch.kind === 'technician';
  const history: WorkOrderHistoryEntry[] = [{ at: meta.at, by: meta.by, action: 'created' }];
  if (form.dispatch.kind !== 'none') {
    history.push({ at: meta.at, by: meta.by, action: 'assigned', to: dispatchLabel(target) });
  }
  return {
    id: meta.id,
    number: meta.number,
    type: form.type,
    status: assigned ? 'assigned' : 'new',
    priority: form.priority,
    customerId: form.customerId,
    ...target,
    details: definedOnly(form.details),
    appointmentStart: form.window?.start ?? 0,
    appointmentEnd: form.window?.end ?? 0,
    ...(meta.address ? { address: { line1: meta.address } } : {}),
    description: form.description,
    history,
    updatedAt: meta.at,
    serverSeq: 0,
  };
}

/**
 * The fields an edit changes, with their history: 'rescheduled' for the visit window (the
 * technician plans by it), one 'edited' entry naming the other changed fields.
 */
function editedFields(
  current: WorkOrderDoc,
  edit: WorkOrderEdit,
  meta: { at: number; by: string },
  entries: WorkOrderHistoryEntry[],
): Partial<WorkOrderDoc> {
  if (!isWorkOrderOpen(current.status)) {
    throw new ContractError({
      code: 'invalid_state',
      message: `a ${current.status} work order is not edited any more`,
    });
  }
  if (edit.type !== current.type) {
    throw fieldError('edit.type', FORM_ERRORS.choose, `a ${current.type} order stays one`);
  }
  const next = {
    priority: edit.priority,
    description: edit.description,
    details: definedOnly(edit.details),
    appointmentStart: edit.window?.start ?? 0,
    appointmentEnd: edit.window?.end ?? 0,
  };
  const patch: Partial<WorkOrderDoc> = {};
  const changed: string[] = [];
  for (const field of ['priority', 'description', 'details'] as const) {
    if (!deepEqual(current[field], next[field])) {
      Object.assign(patch, { [field]: next[field] });
      changed.push(field);
    }
  }
  if (changed.length > 0) entries.push({ ...meta, action: 'edited', to: changed.join(',') });
  if (
    current.appointmentStart !== next.appointmentStart ||
    current.appointmentEnd !== next.appointmentEnd
  ) {
    patch.appointmentStart = next.appointmentStart;
    patch.appointmentEnd = next.appointmentEnd;
    entries.push({
      ...meta,
      action: 'rescheduled',
      from: windowLabel(current.appointmentStart, current.appointmentEnd),
      to: windowLabel(next.appointmentStart, next.appointmentEnd),
    });
  }
  return patch;
}

/** ISO start/end, '' for no window: readable in the history on every desktop and the server. */
function windowLabel(start: number, end: number): string {
  return start === 0 && end === 0
    ? ''
    : `${new Date(start).toISOString()}/${new Date(end).toISOString()}`;
}

function dispatchFields(dispatch: Dispatch): Pick<WorkOrderDoc, 'assigneeId' | 'queueId'> {
  if (dispatch.kind === 'technician') return { assigneeId: dispatch.assigneeId, queueId: '' };
  if (dispatch.kind === 'queue') return { assigneeId: '', queueId: dispatch.queueId };
  return { assigneeId: '', queueId: '' };
}

function dispatchLabel(target: Pick<WorkOrderDoc, 'assigneeId' | 'queueId'>): string {
  if (target.assigneeId) return `user:${target.assigneeId}`;
  if (target.queueId) return `queue:${target.queueId}`;
  return '';
}

/** A technician must be a known, active field technician; a queue a back-office queue. */
async function checkDispatch(replica: ReplicaDatabase, dispatch: Dispatch): Promise<void> {
  if (dispatch.kind === 'none') return;
  const [kind, key, path] =
    dispatch.kind === 'technician'
      ? (['user', dispatch.assigneeId, 'dispatch.assigneeId'] as const)
      : (['queue', dispatch.queueId, 'dispatch.queueId'] as const);
  const found = await replica.reference.findOne(referenceId(kind, key)).exec();
  const doc = found?.toJSON() as ReferenceDoc | undefined;
  const fits =
    doc?.active === true &&
    (kind === 'user' ? doc.data['role'] === 'technician' : doc.data['backOffice'] === true);
  if (!fits) throw fieldError(path, FORM_ERRORS.dispatch, `no such ${kind} to dispatch to: ${key}`);
}

function fieldError(path: string, message: string, why: string): ContractError {
  return new ContractError({ code: 'bad_request', message: why, issues: [{ path, message }] });
}

function progress(status: WorkOrderDoc['status']): number {
  return WORK_ORDER_STATUS_PROGRESS.indexOf(status);
}

function definedOnly(details: WorkOrderForm['details']): WorkOrderDoc['details'] {
  const stored: WorkOrderDoc['details'] = {};
  for (const [key, value] of Object.entries(details)) {
    if (value !== undefined && value !== '') stored[key] = value;
  }
  return stored;
}

function addressLine(address: Readonly<Address> | undefined): string {
  if (!address) return '';
  return [address.city, address.district, address.line1].filter(Boolean).join('').slice(0, 200);
}
