import { z } from 'zod';
import { CustomerSummarySchema } from './customer';

/** What the agent console shows about the agent: the state bar's source. */
export const AGENT_STATUSES = [
  'logged-out',
  'ready',
  'not-ready',
  'offered',
  'dialing',
  'talking',
  'held',
  'consulting',
  'wrap-up',
] as const;
export const AgentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const CallPhaseSchema = z.enum(['offered', 'dialing', 'ringing', 'talking', 'held']);
export const CallRoleSchema = z.enum(['primary', 'consult', 'extra']);

export const CallViewSchema = z.object({
  callId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  peerNumber: z.string(),
  peerName: z.string().optional(),
  role: CallRoleSchema,
  phase: CallPhaseSchema,
  /** Epoch milliseconds, for timers in the UI. */
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  holdMs: z.number(),
  muted: z.boolean(),
});
export type CallView = z.infer<typeof CallViewSchema>;

export const WrapUpViewSchema = z.object({
  callId: z.string(),
  peerNumber: z.string(),
  startedAt: z.number(),
  mode: z.enum(['optional', 'mandatory', 'timed']),
  /** When a timed wrap-up ends with the default disposition (epoch ms). */
  deadline: z.number().nullable(),
});
export type WrapUpView = z.infer<typeof WrapUpViewSchema>;

export const AgentSnapshotSchema = z.object({
  /** False when no softphone engine is configured for this desktop. */
  telephony: z.boolean(),
  status: AgentStatusSchema,
  notReadyReason: z.string().nullable(),
  /** When the current status began (epoch ms), for "time in state". */
  since: z.number(),
  calls: z.array(CallViewSchema),
  wrapUp: WrapUpViewSchema.nullable(),
  engine: z.enum(['starting', 'up', 'down', 'stopped']),
  engineFailures: z.array(z.object({ at: z.number(), detail: z.string() })),
  /** Why the signed-in user cannot take calls here (e.g. no SIP account on the server). */
  accountProblem: z.string().optional(),
});
export type AgentSnapshot = z.infer<typeof AgentSnapshotSchema>;

/** Pushed to the renderer as soon as a call is offered, before the agent answers. */
export const ScreenPopSchema = z.object({
  callId: z.string(),
  /** The caller's number as signalled, and normalised when it could be. */
  rawNumber: z.string(),
  e164: z.string().nullable(),
  customer: CustomerSummarySchema.nullable(),
  /** More than one customer has this number: the agent picks. */
  otherMatches: z.array(CustomerSummarySchema),
});
export type ScreenPop = z.infer<typeof ScreenPopSchema>;

export const DtmfDigitsSchema = z
  .string()
  .regex(/^[0-9*#A-D]{1,32}$/, 'DTMF digits are 0-9 * # A-D');
export const DialTargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[+0-9*#]+$|^sip:[^\s<>"]+$/, 'a phone number or a sip: address');
export const ReasonCodeSchema = z.string().trim().min(1).max(32);
export const DispositionCodeSchema = z.string().trim().min(1).max(32);
