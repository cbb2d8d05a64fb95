import { z } from 'zod';

/**
 * Why a contract call failed. The renderer branches on `code`, never on `message`
 * (messages are for logs and for people; they are in English).
 */
export const CONTRACT_ERROR_CODES = [
  'bad_request',
  'unknown_command',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'server_unreachable',
  'server_error',
  /** The command does not fit the agent's or the call's current state (hold with no call). */
  'invalid_state',
  /** The capability is not there on this desktop (no softphone engine, engine down). */
  'unavailable',
  /** The engine cannot do this at all (e.g. a three-party conference on baresip 1.0). */
  'not_supported',
  'internal',
] as const;
export const ContractErrorCodeSchema = z.enum(CONTRACT_ERROR_CODES);
export type ContractErrorCode = z.infer<typeof ContractErrorCodeSchema>;

export const ContractErrorSchema = z.object({
  code: ContractErrorCodeSchema,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ContractErrorData = z.infer<typeof ContractErrorSchema>;

/** Thrown by the renderer's client and by main's handlers; crosses every transport as data. */
export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly issues: ContractErrorData['issues'];

  constructor(data: ContractErrorData) {
    super(data.message);
    this.name = 'ContractError';
    this.code = data.code;
    this.issues = data.issues;
  }

  toData(): ContractErrorData {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export function issuesFromZod(error: z.ZodError): NonNullable<ContractErrorData['issues']> {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** The answer to one call, as it crosses IPC or WebSocket. */
export const CallOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ContractErrorSchema }),
]);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;
