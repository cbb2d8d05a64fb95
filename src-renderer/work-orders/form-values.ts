import type { WorkOrderType } from '../../src-shared/domain/work-order';
import type { AppointmentWindow, Dispatch } from '../../src-shared/domain/work-order-forms';
import type { WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import { WORK_ORDER_FIELDS } from './work-order-fields';

type Moment = { valueOf(): number } | null;

/** The fields the new-order and the edit forms share, as Ant Design's form holds them. */
export type WorkOrderFormValues = {
  type?: WorkOrderType;
  priority?: number;
  description?: string;
  /** 'none', 'technician:<id>' or 'queue:<id>'. */
  dispatch?: string;
  window?: [Moment, Moment] | null;
  details?: Record<string, string | boolean | undefined>;
};

/** The type's own fields as the schema takes them: flags as booleans, blank text left out. */
export function detailsOf(
  type: WorkOrderType | undefined,
  values: WorkOrderFormValues,
): Record<string, string | boolean> {
  const details: Record<string, string | boolean> = {};
  for (const field of type ? WORK_ORDER_FIELDS[type] : []) {
    const value = values.details?.[field.name];
    if (field.kind === 'flag') details[field.name] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') details[field.name] = value;
  }
  return details;
}

export function windowOf(values: WorkOrderFormValues): AppointmentWindow | undefined {
  const [start, end] = values.window ?? [];
  return start && end ? { start: start.valueOf(), end: end.valueOf() } : undefined;
}

export function dispatchOf(value: string | undefined): Dispatch {
  const [kind, key] = (value ?? 'none').split(/:(.*)/s);
  if (kind === 'technician') return { kind: 'technician', assigneeId: key ?? '' };
  if (kind === 'queue') return { kind: 'queue', queueId: key ?? '' };
  return { kind: 'none' };
}

export function dispatchValue(order: Pick<WorkOrderDoc, 'assigneeId' | 'queueId'>): string {
  if (order.assigneeId) return `technician:${order.assigneeId}`;
  if (order.queueId) return `queue:${order.queueId}`;
  return 'none';
}

/** Where a validation issue's path (from the schema or the core) shows on the form. */
export function formFieldOf(path: string): (string | number)[] | null {
  // An edit's issues come back under `edit.`; the form's fields are the same.
  const [head, second] = path.replace(/^edit\./, '').split('.');
  if (head === 'details' && second) return ['details', second];
  if (
    head &&
    ['type', 'priority', 'description', 'dispatch', 'window', 'status', 'note'].includes(head)
  ) {
    return [head];
  }
  return null;
}
