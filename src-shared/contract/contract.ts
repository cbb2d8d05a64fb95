import { z } from 'zod';
import { CustomerSearchQuerySchema, CustomerSearchResultSchema } from '../http/customers';
import { LoginRequestSchema } from '../http/auth';
import { UserProfileSchema } from '../domain/user';
import { LocaleSchema } from '../domain/locale';
import {
  AgentSnapshotSchema,
  DialTargetSchema,
  DispositionCodeSchema,
  DtmfDigitsSchema,
  ReasonCodeSchema,
  ScreenPopSchema,
} from '../domain/agent';
import { HeadsetStatusSchema } from '../domain/headset';
import { SyncStatusSchema } from '../domain/sync-status';
import { WorkOrderFormSchema, WorkOrderUpdateSchema } from '../domain/work-order-forms';
import { WORK_ORDER_STATUSES } from '../domain/work-order';
import {
  AddCustomerPhoneSchema,
  CustomerFormSchema,
  CustomerUpdateSchema,
} from '../domain/customer-form';
import { ShortcutBindingsSchema } from '../domain/shortcuts';
import { fieldWorkCommands } from './field-work';
import { DirectoryResultSchema } from './directory';

const none = z.strictObject({});
const CallIdSchema = z.string().min(1).max(128);
const WorkOrderWrittenSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
});
const CustomerWrittenSchema = z.object({ id: z.string(), accountNumber: z.string() });
const ShortcutBindingsResultSchema = z.object({ bindings: z.record(z.string(), z.string()) });
const agentCommand = <A extends z.ZodType>(args: A) => ({ args, result: AgentSnapshotSchema });

/**
 * The one contract between the renderer and the agent core (Electron main or the browser
 * host). Every command's arguments and result are checked against these schemas on the core's
 * side of the boundary; events are checked before they are sent.
 */
export const commands = {
  /** Version and where the central server is. */
  'app.getInfo': {
    args: z.strictObject({}),
    result: z.object({
      version: z.string(),
      serverUrl: z.string(),
      /** Whether this core has an offline replica the renderer can open. */
      replica: z.boolean(),
    }),
  },
  /** Who is signed in on this desktop, if anyone. */
  'session.get': {
    args: z.strictObject({}),
    result: z.object({ user: UserProfileSchema.nullable() }),
  },
  /** Sign in against the central server; tokens stay in the core, never in the renderer. */
  'session.login': {
    args: LoginRequestSchema,
    result: z.object({ user: UserProfileSchema }),
  },
  'session.logout': {
    args: z.strictObject({}),
    result: z.object({}),
  },
  'preferences.get': {
    args: z.strictObject({}),
    result: z.object({ locale: LocaleSchema }),
  },
  /** The language choice persists in the core's data folder, across restarts and sign-ins. */
  'preferences.setLocale': {
    args: z.strictObject({ locale: LocaleSchema }),
    result: z.object({ locale: LocaleSchema }),
  },
  /** Customer search by name, pinyin initials, phone suffix or account number. */
  'customers.search': {
    args: CustomerSearchQuerySchema,
    result: CustomerSearchResultSchema,
  },
  /** The agent's state and calls, as the state bar and softphone show them. */
  'agent.get': agentCommand(none),
  'agent.setReady': agentCommand(none),
  'agent.setNotReady': agentCommand(z.strictObject({ reasonCode: ReasonCodeSchema })),
  'call.answer': agentCommand(none),
  'call.reject': agentCommand(none),
  'call.hangUp': agentCommand(none),
  'call.hold': agentCommand(none),
  'call.retrieve': agentCommand(none),
  'call.setMuted': agentCommand(z.strictObject({ muted: z.boolean() })),
  'call.sendDtmf': agentCommand(z.strictObject({ digits: DtmfDigitsSchema })),
  'call.dial': agentCommand(z.strictObject({ target: DialTargetSchema })),
  'call.blindTransfer': agentCommand(z.strictObject({ target: DialTargetSchema })),
  /** Holds the customer and calls the expert. */
  'call.startConsult': agentCommand(z.strictObject({ target: DialTargetSchema })),
  /** Hands the customer to the expert. */
  'call.completeConsult': agentCommand(none),
  /** Drops the expert and takes the customer back. */
  'call.returnFromConsult': agentCommand(none),
  /** Joins customer and expert in a three-way call; not_supported on baresip 1.0 (no mixing). */
  'call.conference': agentCommand(none),
  'call.setNotes': agentCommand(z.strictObject({ notes: z.string().max(4000) })),
  /** Replication with the central server: online, last sync, pending pushes, conflicts. */
  'sync.get': { args: none, result: SyncStatusSchema },
  'headset.get': { args: none, result: HeadsetStatusSchema },
  /** The agent picks which headset to use; remembered for next time. */
  'headset.select': {
    args: z.strictObject({ path: z.string().min(1).max(512) }),
    result: HeadsetStatusSchema,
  },
  /** Ends after-call work; then the agent is ready, or not ready with a reason. */
  'wrapUp.complete': agentCommand(
    z.strictObject({
      disposition: DispositionCodeSchema.optional(),
      notes: z.string().max(4000).optional(),
      next: z.discriminatedUnion('status', [
        z.strictObject({ status: z.literal('ready') }),
        z.strictObject({ status: z.literal('not-ready'), reasonCode: ReasonCodeSchema }),
      ]),
    }),
  ),
  /** Opens a work order from the desk (offline too): written into the replica, synced later. */
  'workOrders.create': { args: WorkOrderFormSchema, result: WorkOrderWrittenSchema },
  /** Status, dispatch and notes from the call center; history records who did what. */
  'workOrders.update': { args: WorkOrderUpdateSchema, result: WorkOrderWrittenSchema },
  /** A new customer (e.g. an unknown caller, linked to his call by `callId`). */
  'customers.create': {
    args: z.strictObject({ customer: CustomerFormSchema, callId: CallIdSchema.optional() }),
    result: CustomerWrittenSchema,
  },
  'customers.update': { args: CustomerUpdateSchema, result: CustomerWrittenSchema },
  /** Adds an unknown caller's number to an existing customer, and links the call to him. */
  'customers.addPhone': {
    args: AddCustomerPhoneSchema.extend({ callId: CallIdSchema.optional() }),
    result: CustomerWrittenSchema,
  },
  /** The agent picked which customer this call is about (several share the number). */
  'customers.linkCall': {
    args: z.strictObject({ id: z.uuid(), callId: CallIdSchema }),
    result: CustomerWrittenSchema,
  },
  /** The agent's remapped shortcut keys (actions absent keep their default key). */
  'preferences.getShortcuts': { args: none, result: ShortcutBindingsResultSchema },
  /** Replaces the remapped keys; two actions on one key are refused (bad_request). */
  'preferences.setShortcuts': {
    args: z.strictObject({ bindings: ShortcutBindingsSchema }),
    result: ShortcutBindingsResultSchema,
  },
  /**
   * Colleagues with their presence, and departments, for the transfer and consult dialog;
   * `available: false` (with why) when the central server cannot say, never an error.
   */
  'directory.get': { args: none, result: DirectoryResultSchema },
  /** The field technician's work orders, offline on the replica; pending changes; conflicts. */
  ...fieldWorkCommands,
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  'session.changed': z.object({ user: UserProfileSchema.nullable() }),
  'preferences.changed': z.object({ locale: LocaleSchema }),
  /** Whether the central server answered the core's last request. */
  'connection.changed': z.object({ server: z.enum(['online', 'offline']) }),
  'agent.changed': AgentSnapshotSchema,
  /** The caller's record, looked up before the agent answers. */
  'call.screenPop': ScreenPopSchema,
  'headset.changed': HeadsetStatusSchema,
  'sync.changed': SyncStatusSchema,
  /** The technician's work orders changed in the replica (his edit, or a sync). */
  'fieldWork.changed': z.object({}),
  /** Another user signed in: his own replica is open now, views over the last one are stale. */
  'replica.changed': z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<N extends CommandName> = z.input<Commands[N]['args']>;
export type CommandParsedArgs<N extends CommandName> = z.output<Commands[N]['args']>;
export type CommandResult<N extends CommandName> = z.output<Commands[N]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What the core implements: one function per command, typed from the schemas above. */
export type CommandHandlers = {
  [N in CommandName]: (args: CommandParsedArgs<N>) => Promise<CommandResult<N>>;
};

/** Largest serialized call the core accepts, on every transport. */
export const MAX_CALL_BYTES = 256 * 1024;
