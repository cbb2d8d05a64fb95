import { z } from 'zod';
import { RoleSchema } from '../domain/roles';

/** What a signed-in agent core reports about its agent (PUT /api/me/presence). */
export const REPORTED_PRESENCE_STATES = [
  'ready',
  'not_ready',
  'talking',
  'wrap_up',
  'logged_out',
] as const;
export const ReportedPresenceStateSchema = z.enum(REPORTED_PRESENCE_STATES);
export type ReportedPresenceState = z.infer<typeof ReportedPresenceStateSchema>;

/** What the directory shows: a report, or `offline` once its lease ran out (or none came). */
export const PRESENCE_STATES = [...REPORTED_PRESENCE_STATES, 'offline'] as const;
export const PresenceStateSchema = z.enum(PRESENCE_STATES);
export type PresenceState = z.infer<typeof PresenceStateSchema>;

/** The not-ready reason codes of the reference data (`reason_code` keys). */
const ReasonCodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/);

export const PresenceReportSchema = z
  .strictObject({
    state: ReportedPresenceStateSchema,
    /** Only with not_ready; absent otherwise. */
    reasonCode: ReasonCodeSchema.optional(),
  })
  .refine((report) => report.state === 'not_ready' || report.reasonCode === undefined, {
    message: 'a reason code goes with not_ready only',
    path: ['reasonCode'],
  });
export type PresenceReport = z.infer<typeof PresenceReportSchema>;

/** The server says how long a report holds; the core renews well before that. */
export const PresenceLeaseSchema = z.strictObject({
  leaseSeconds: z.number().int().min(1).max(3600),
});
export type PresenceLease = z.infer<typeof PresenceLeaseSchema>;

const LabelSchema = z.string().max(200);
const GroupSchema = z.strictObject({
  key: z.string().max(64),
  labelEn: LabelSchema,
  labelZh: LabelSchema,
});
export type DirectoryGroup = z.infer<typeof GroupSchema>;

export const DirectoryColleagueSchema = z.strictObject({
  userId: z.uuid(),
  displayName: LabelSchema,
  username: z.string().max(64),
  role: RoleSchema,
  /** Where a transfer goes: the colleague's SIP address of record. */
  sipUri: z
    .string()
    .max(256)
    .regex(/^sips?:[^\s"<>;\\@]+@[^\s"<>;\\]+$/),
  /** The user part of the address, what colleagues call his extension. */
  extension: z.string().max(128),
  teams: z.array(GroupSchema).max(50),
  queues: z.array(GroupSchema).max(50),
  presence: PresenceStateSchema,
  reasonCode: ReasonCodeSchema.nullable(),
  /** When the current state began (ISO 8601); null while offline without any report. */
  since: z.iso.datetime({ offset: true }).nullable(),
});
export type DirectoryColleague = z.infer<typeof DirectoryColleagueSchema>;

export const DirectoryDepartmentSchema = z.strictObject({
  key: z.string().max(64),
  labelEn: LabelSchema,
  labelZh: LabelSchema,
  phone: z.string().regex(/^\+[1-9]\d{2,14}$/),
  hoursEn: z.string().max(2000),
  hoursZh: z.string().max(2000),
});
export type DirectoryDepartment = z.infer<typeof DirectoryDepartmentSchema>;

/** Most colleagues one answer lists; a bigger tenant is cut here, in name order. */
export const MAX_DIRECTORY_COLLEAGUES = 1000;

/** GET /api/directory: the caller's tenant only, never himself. */
export const DirectorySchema = z.strictObject({
  colleagues: z.array(DirectoryColleagueSchema).max(MAX_DIRECTORY_COLLEAGUES),
  departments: z.array(DirectoryDepartmentSchema).max(500),
});
export type Directory = z.infer<typeof DirectorySchema>;

/** The directory takes no parameters: the tenant comes from the token. */
export const DirectoryQuerySchema = z.strictObject({});
