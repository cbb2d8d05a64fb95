import type { Address } from '../../src-shared/rxdb/common';
import type {
  InteractionChannel,
  InteractionDirection,
  WorkOrderHistoryEntry,
  WorkOrderPriority,
  WorkOrderStatus,
  WorkOrderType,
} from '../db/enums';
import {
  CHANNEL_WEIGHTS,
  DESCRIPTIONS,
  DISPOSITIONS,
  INTERACTION_NOTES,
  PRIORITY_WEIGHTS,
  QUEUES,
  VIP_QUEUE,
  WORK_ORDER_STATUS_WEIGHTS,
  WORK_ORDER_TYPE_WEIGHTS,
} from './catalog';
import type { DemoCustomer } from './generate-customer';
import type { DemoRandom } from './random';
import { demoWorkOrderDetails } from './work-order-details';
import type { WorkOrderDetails } from '../../src-shared/domain/work-order-forms';

export interface DemoWorkOrder {
  id: string;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  priority: WorkOrderPriority;
  customerId: string;
  assigneeId: string | null;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  address: Address;
  description: string;
  details: WorkOrderDetails;
  history: WorkOrderHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export interface DemoInteraction {
  id: string;
  customerId: string;
  channel: InteractionChannel;
  direction: InteractionDirection;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  agentId: string | null;
  queue: string | null;
  callId: string | null;
  disposition: string | null;
  notes: string;
  workOrderIds: string[];
}

export interface ActivityContext {
  rng: DemoRandom;
  refMs: number;
  agentIds: readonly string[];
  technicianIds: readonly string[];
  nextWorkOrderNumber: () => string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The path a work order took to reach its status, e.g. new → assigned → … → closed. */
function statusPath(rng: DemoRandom, status: WorkOrderStatus): WorkOrderStatus[] {
  const main: WorkOrderStatus[] = ['new', 'assigned', 'accepted', 'en_route', 'on_site'];
  switch (status) {
    case 'waiting_parts':
      return [...main, 'waiting_parts'];
    case 'resolved':
    case 'closed': {
      const path = [...main, ...(rng.chance(0.2) ? (['waiting_parts'] as const) : [])];
      return status === 'closed' ? [...path, 'resolved', 'closed'] : [...path, 'resolved'];
    }
    case 'cancelled':
      return [...main.slice(0, rng.int(1, 3)), 'cancelled'];
    case 'could_not_complete':
      return [...main, 'could_not_complete'];
    default:
      return main.slice(0, main.indexOf(status) + 1);
  }
}

export function generateWorkOrder(ctx: ActivityContext, customer: DemoCustomer): DemoWorkOrder {
  const { rng, refMs } = ctx;
  const type = rng.weighted(WORK_ORDER_TYPE_WEIGHTS);
  const status = rng.weighted(WORK_ORDER_STATUS_WEIGHTS);
  const priority: WorkOrderPriority =
    type === 'emergency_repair' ? (rng.chance(0.6) ? 1 : 2) : rng.weighted(PRIORITY_WEIGHTS);
  const path = statusPath(rng, status);
  const assigneeId = path.includes('assigned') ? rng.pick(ctx.technicianIds) : null;

  // Steps are minutes to hours apart; the whole life ends before the reference moment.
  let at = rng.between(refMs - 180 * DAY, refMs - 5 * DAY);
  const createdAt = at;
  const history: WorkOrderHistoryEntry[] = path.map((step, i) => {
    if (i > 0) at += rng.int(5 * 60_000, step === 'resolved' ? 2 * DAY : 6 * HOUR);
    const byUserId = step === 'new' || step === 'assigned' ? rng.pick(ctx.agentIds) : assigneeId;
    return { at: new Date(at).toISOString(), status: step, byUserId };
  });

  let appointmentStart: string | null = null;
  let appointmentEnd: string | null = null;
  if (type === 'repair' || type === 'appointment' || type === 'emergency_repair') {
    const day = Math.floor((createdAt + rng.int(0, 5) * DAY) / DAY) * DAY;
    // Two-hour slots from 09:00 to 17:00 Beijing time (01:00–09:00 UTC).
    const start = day + (1 + 2 * rng.int(0, 3)) * HOUR;
    appointmentStart = new Date(start).toISOString();
    appointmentEnd = new Date(start + 2 * HOUR).toISOString();
  }

  const id = rng.uuid();
  return {
    id,
    number: ctx.nextWorkOrderNumber(),
    type,
    status,
    priority,
    customerId: customer.id,
    assigneeId,
    appointmentStart,
    appointmentEnd,
    address: customer.address,
    description: rng.pick(DESCRIPTIONS[type]),
    details: demoWorkOrderDetails(type, id),
    history,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(at).toISOString(),
  };
}

export function generateInteraction(
  ctx: ActivityContext,
  customer: DemoCustomer,
  workOrder: DemoWorkOrder | null,
): DemoInteraction {
  const { rng, refMs } = ctx;
  // The contact that opened a work order is an answered inbound call at its creation time.
  const channel = workOrder ? 'voice' : rng.weighted(CHANNEL_WEIGHTS);
  const direction: InteractionDirection =
    channel === 'callback' ? 'outbound' : rng.chance(0.85) ? 'inbound' : 'outbound';
  const startedMs = workOrder
    ? Date.parse(workOrder.createdAt) - rng.int(60_000, 600_000)
    : rng.between(refMs - 365 * DAY, refMs - HOUR);
  const realtime = channel === 'voice' || channel === 'callback' || channel === 'chat';
  const answered = workOrder !== null || !realtime || rng.chance(0.9);
  const answeredMs = answered ? startedMs + (realtime ? rng.int(3_000, 120_000) : 0) : null;
  const endedMs = (answeredMs ?? startedMs) + (realtime ? rng.int(20_000, 900_000) : 0);
  const queue = realtime
    ? customer.vipTier === 'gold' || customer.vipTier === 'platinum'
      ? VIP_QUEUE
      : rng.pick(QUEUES)
    : null;

  return {
    id: rng.uuid(),
    customerId: customer.id,
    channel,
    direction,
    startedAt: new Date(startedMs).toISOString(),
    answeredAt: answeredMs === null ? null : new Date(answeredMs).toISOString(),
    endedAt: new Date(endedMs).toISOString(),
    agentId: answered ? rng.pick(ctx.agentIds) : null,
    queue,
    callId:
      channel === 'voice' || channel === 'callback'
        ? rng.zh.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' })
        : null,
    disposition: workOrder ? 'work_order_created' : answered ? rng.pick(DISPOSITIONS) : 'abandoned',
    notes: answered ? rng.pick(INTERACTION_NOTES) : '',
    workOrderIds: workOrder ? [workOrder.id] : [],
  };
}
