import { z } from 'zod';

/**
 * Every field ends up in the softphone engine's line-oriented account syntax, so characters
 * that could break out of their slot (quotes, angle brackets, `;`, whitespace, backslash) are
 * refused here, on both ends of the wire.
 */
const SAFE = /^[^\s"<>;\\]+$/;

/** The signed-in user's own SIP account (GET /api/me/sip-account). */
export const SipAccountSchema = z.strictObject({
  /** Address of record, e.g. `sip:agent@pbx.example.cn`. */
  aor: z
    .string()
    .max(256)
    .regex(/^sips?:[^\s"<>;\\@]+@[^\s"<>;\\]+$/, 'aor must be a sip: URI without parameters'),
  /** Registrar/outbound proxy; null when the desktop is reached directly at the AOR. */
  registrar: z
    .string()
    .max(256)
    .regex(/^sips?:[^\s"<>;\\]+$/, 'registrar must be a sip: URI')
    .nullable(),
  /** Digest user name when it differs from the AOR's user part. */
  authUser: z.string().max(128).regex(SAFE, 'authUser contains forbidden characters').nullable(),
  password: z
    .string()
    .min(1)
    .max(256)
    .regex(SAFE, 'password contains forbidden characters')
    .nullable(),
  /** Shown to the people the agent calls. */
  displayName: z.string().max(128),
});
export type SipAccountResponse = z.infer<typeof SipAccountSchema>;

/** The route takes no parameters: a user only ever gets his own account. */
export const SipAccountQuerySchema = z.strictObject({});
