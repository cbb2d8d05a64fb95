import { z } from 'zod';
import {
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type WorkOrderPriority,
  type WorkOrderType,
} from './work-order';

/**
 * The work order forms, one zod schema per type. Messages are i18n keys (the renderer
 * translates them under `workOrderForm.errors`); the core and, where it wants to, the server
 * run the same schemas, so a form the screen accepts is one the core accepts.
 */
export const FORM_ERRORS = {
  required: 'workOrderForm.errors.required',
  tooLong: 'workOrderForm.errors.tooLong',
  choose: 'workOrderForm.errors.choose',
  customer: 'workOrderForm.errors.customer',
  priority: 'workOrderForm.errors.priority',
  emergencyPriority: 'workOrderForm.errors.emergencyPriority',
  window: 'workOrderForm.errors.window',
  windowOrder: 'workOrderForm.errors.windowOrder',
  windowTooLong: 'workOrderForm.errors.windowTooLong',
  dispatch: 'workOrderForm.errors.dispatch',
} as const;

const requiredText = (max: number) =>
  z
    .string({ error: FORM_ERRORS.required })
    .trim()
    .min(1, FORM_ERRORS.required)
    .max(max, FORM_ERRORS.tooLong);
const optionalText = (max: number) =>
  z.string({ error: FORM_ERRORS.required }).trim().max(max, FORM_ERRORS.tooLong).optional();
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: FORM_ERRORS.choose });
const flag = () => z.boolean({ error: FORM_ERRORS.choose });

export const COMPLAINT_CATEGORIES = ['service', 'billing', 'staff', 'product', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const HAZARDS = ['gas', 'water', 'electrical', 'fire', 'structural', 'other'] as const;
export const SERVICES = ['install', 'relocate', 'upgrade', 'disconnect', 'other'] as const;
export const SUGGESTION_AREAS = ['service', 'product', 'app', 'billing', 'other'] as const;

/** Each type's own fields, stored flat in the work order's `details`. */
export const WORK_ORDER_DETAIL_SCHEMAS = {
  complaint: z.strictObject({
    category: choice(COMPLAINT_CATEGORIES),
    severity: choice(SEVERITIES),
    desiredOutcome: optionalText(500),
  }),
  repair: z.strictObject({
    equipment: requiredText(100),
    symptom: requiredText(1000),
    accessNotes: optionalText(500),
  }),
  emergency_repair: z.strictObject({
    hazard: choice(HAZARDS),
    peopleAtRisk: flag(),
    symptom: requiredText(1000),
  }),
  service_request: z.strictObject({
    service: choice(SERVICES),
    accessNotes: optionalText(500),
  }),
  appointment: z.strictObject({
    purpose: requiredText(200),
    contactOnArrival: flag(),
  }),
  inquiry: z.strictObject({
    topic: requiredText(200),
    answeredOnCall: flag(),
  }),
  suggestion: z.strictObject({
    area: choice(SUGGESTION_AREAS),
  }),
} as const satisfies Record<WorkOrderType, z.ZodType>;

export type WorkOrderDetails<T extends WorkOrderType = WorkOrderType> = z.output<
  (typeof WORK_ORDER_DETAIL_SCHEMAS)[T]
>;

/** Checks a stored `details` object against its type's form (for the core and the server). */
export function parseWorkOrderDetails(type: WorkOrderType, details: unknown) {
  return WORK_ORDER_DETAIL_SCHEMAS[type].safeParse(details);
}

const EPOCH_MS = z.int(FORM_ERRORS.window).min(0, FORM_ERRORS.window).max(9_999_999_999_999);
const MAX_WINDOW_MS = 12 * 60 * 60 * 1000;

/** A visit window: start before end, at most 12 hours. */
export const AppointmentWindowSchema = z
  .strictObject({ start: EPOCH_MS, end: EPOCH_MS }, { error: FORM_ERRORS.window })
  .refine((window) => window.end > window.start, {
    message: FORM_ERRORS.windowOrder,
    path: ['end'],
  })
  .refine((window) => window.end - window.start <= MAX_WINDOW_MS, {
    message: FORM_ERRORS.windowTooLong,
    path: ['end'],
  });
export type AppointmentWindow = z.infer<typeof AppointmentWindowSchema>;

/** Where the order goes: nobody yet, a field technician, or a back-office queue. */
export const DispatchSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({
      kind: z.literal('technician'),
      assigneeId: z.string().trim().min(1, FORM_ERRORS.dispatch).max(64),
    }),
    z.strictObject({
      kind: z.literal('queue'),
      queueId: z.string().trim().min(1, FORM_ERRORS.dispatch).max(64),
    }),
  ],
  { error: FORM_ERRORS.dispatch },
);
export type Dispatch = z.infer<typeof DispatchSchema>;

const common = {
  customerId: z.uuid(FORM_ERRORS.customer),
  priority: z
    .int(FORM_ERRORS.priority)
    .min(Math.min(...WORK_ORDER_PRIORITIES), FORM_ERRORS.priority)
    .max(Math.max(...WORK_ORDER_PRIORITIES), FORM_ERRORS.priority),
  description: requiredText(10_000),
  dispatch: DispatchSchema,
  /** The call it was opened from (the core's call id), to link the order to that interaction. */
  callId: z.string().min(1).max(128).optional(),
};

function form<const T extends WorkOrderType>(type: T, windowRequired: boolean) {
  return z.strictObject({
    type: z.literal(type),
    ...common,
    details: WORK_ORDER_DETAIL_SCHEMAS[type],
    window: windowRequired ? AppointmentWindowSchema : AppointmentWindowSchema.optional(),
  });
}

/** An emergency is dispatched first: it may not sit at a routine priority. */
function refuseRoutineEmergency(
  order: { type: WorkOrderType; priority: number },
  context: z.RefinementCtx,
): void {
  if (order.type === 'emergency_repair' && order.priority > 2) {
    context.addIssue({
      code: 'custom',
      message: FORM_ERRORS.emergencyPriority,
      path: ['priority'],
    });
  }
}

/** A new work order as the agent fills it in; `type` picks the form. */
export const WorkOrderFormSchema = z
  .discriminatedUnion(
    'type',
    [
      form('complaint', false),
      form('repair', false),
      form('emergency_repair', false),
      form('service_request', false),
      form('appointment', true),
      form('inquiry', false),
      form('suggestion', false),
    ],
    { error: FORM_ERRORS.choose },
  )
  .superRefine(refuseRoutineEmergency);
export type WorkOrderForm = z.infer<typeof WorkOrderFormSchema>;
export type WorkOrderFormInput = z.input<typeof WorkOrderFormSchema>;

/**
 * What an agent may correct on an existing order: the fields of its type's form. The type
 * itself stays (the core refuses a different one): a repair that turns out to be a complaint
 * is a new order, so that neither history reads as the other.
 */
function edit<const T extends WorkOrderType>(type: T, windowRequired: boolean) {
  return z.strictObject({
    type: z.literal(type),
    priority: common.priority,
    description: common.description,
    details: WORK_ORDER_DETAIL_SCHEMAS[type],
    window: windowRequired ? AppointmentWindowSchema : AppointmentWindowSchema.optional(),
  });
}

export const WorkOrderEditSchema = z
  .discriminatedUnion(
    'type',
    [
      edit('complaint', false),
      edit('repair', false),
      edit('emergency_repair', false),
      edit('service_request', false),
      edit('appointment', true),
      edit('inquiry', false),
      edit('suggestion', false),
    ],
    { error: FORM_ERRORS.choose },
  )
  .superRefine(refuseRoutineEmergency);
export type WorkOrderEdit = z.infer<typeof WorkOrderEditSchema>;

/** A change to an existing order from the call center: status, dispatch, fields and/or a note. */
export const WorkOrderUpdateSchema = z
  .strictObject({
    id: z.uuid(),
    status: z.enum(WORK_ORDER_STATUSES, { error: FORM_ERRORS.choose }).optional(),
    dispatch: DispatchSchema.optional(),
    edit: WorkOrderEditSchema.optional(),
    note: z.string().trim().min(1, FORM_ERRORS.required).max(4000, FORM_ERRORS.tooLong).optional(),
  })
  .refine(
    (change) =>
      change.status !== undefined ||
      change.dispatch !== undefined ||
      change.edit !== undefined ||
      change.note !== undefined,
    { message: FORM_ERRORS.required, path: ['status'] },
  );
export type WorkOrderUpdate = z.infer<typeof WorkOrderUpdateSchema>;
export type WorkOrderUpdateInput = z.input<typeof WorkOrderUpdateSchema>;

/** The default priority of each type (1 highest). */
export const DEFAULT_PRIORITY: Record<WorkOrderType, WorkOrderPriority> = {
  complaint: 3,
  repair: 3,
  emergency_repair: 1,
  service_request: 4,
  appointment: 3,
  inquiry: 5,
  suggestion: 5,
};

export { WORK_ORDER_TYPES };
