import path from 'node:path';
import { z } from 'zod';
import type { SipAccountResponse } from '../../src-shared/http/sip-account';
import { AgentSession, type InteractionSink } from '../agent/agent-session';
import type { WrapUpMode } from '../agent/agent-types';
import { BaresipLink } from '../cti/baresip/baresip-link';
import { sipAccountSchema, type SipAccount } from '../cti/baresip/engine-config';
import type { CtiLink } from '../cti/cti-link';

export type Telephony = {
  link: CtiLink;
  session: AgentSession;
  /**
   * Present when the SIP account is the signed-in user's, from the server (not fixed by
   * settings): the core hands it over at sign-in and takes it back (null) at sign-out.
   */
  useServerAccount?: (account: SipAccount | null) => Promise<void>;
};

const port = z.coerce.number().int().min(1024).max(65535);
const TelephonyEnvironmentSchema = z.object({
  /** Off: this desktop takes no calls (no engine is started). */
  SWITCHBOARD_TELEPHONY: z.enum(['on', 'off']).default('on'),
  /** A fixed account (tests, development): overrides the signed-in user's from the server. */
  SWITCHBOARD_SIP_AOR: z.string().optional(),
  SWITCHBOARD_SIP_PASSWORD: z.string().optional(),
  SWITCHBOARD_SIP_REGISTRAR: z.string().optional(),
  SWITCHBOARD_SIP_AUTH_USER: z.string().optional(),
  SWITCHBOARD_SIP_DISPLAY_NAME: z.string().default('Switchboard'),
  SWITCHBOARD_SIP_PORT: port.default(5070),
  SWITCHBOARD_ENGINE_CTRL_PORT: port.default(4444),
  SWITCHBOARD_RTP_PORTS: z
    .string()
    .regex(/^\d+-\d+$/)
    .default('10000-10099'),
  SWITCHBOARD_ENGINE_PATH: z.string().optional(),
  /** optional | mandatory | timed:<seconds>:<default disposition> */
  SWITCHBOARD_WRAP_UP: z
    .string()
    .regex(/^(optional|mandatory|timed:\d{1,4}:[a-z_]{1,32})$/)
    .default('optional'),
});

/**
 * The softphone engine and call model, configured from the environment; null when telephony is
 * switched off (the console then says calls cannot be taken on this desktop). The SIP account
 * is the signed-in user's from the server unless SWITCHBOARD_SIP_AOR fixes one. A malformed
 * setting is an error at start, not a silently different phone.
 */
export function telephonyFromEnvironment(
  environment: NodeJS.ProcessEnv,
  dataDir: string,
  sink: InteractionSink,
): Telephony | null {
  const parsed = TelephonyEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`telephony settings are invalid: ${fields}`);
  }
  const settings = parsed.data;
  if (settings.SWITCHBOARD_TELEPHONY === 'off') return null;
  const fixed = settings.SWITCHBOARD_SIP_AOR
    ? parseAccount({
        aor: settings.SWITCHBOARD_SIP_AOR,
        password: settings.SWITCHBOARD_SIP_PASSWORD,
        registrar: settings.SWITCHBOARD_SIP_REGISTRAR,
        authUser: settings.SWITCHBOARD_SIP_AUTH_USER,
        displayName: settings.SWITCHBOARD_SIP_DISPLAY_NAME,
      })
    : undefined;
  const [rtpMin, rtpMax] = settings.SWITCHBOARD_RTP_PORTS.split('-').map(Number) as [
    number,
    number,
  ];
  const link = new BaresipLink({
    ...(fixed ? { account: fixed } : {}),
    configDir: path.join(dataDir, 'baresip'),
    ports: {
      sip: settings.SWITCHBOARD_SIP_PORT,
      ctrl: settings.SWITCHBOARD_ENGINE_CTRL_PORT,
      rtpMin,
      rtpMax,
    },
    ...(settings.SWITCHBOARD_ENGINE_PATH ? { enginePath: settings.SWITCHBOARD_ENGINE_PATH } : {}),
  });
  const session = new AgentSession({
    link,
    sink,
    wrapUpMode: parseWrapUpMode(settings.SWITCHBOARD_WRAP_UP),
  });
  return fixed
    ? { link, session }
    : { link, session, useServerAccount: (account) => link.useAccount(account) };
}

/** Names the offending settings, never their values (one is the password). */
function parseAccount(input: Record<string, string | undefined>): SipAccount {
  const parsed = sipAccountSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `SWITCHBOARD_SIP_${issue.path.join('.')}`);
    throw new Error(`telephony settings are invalid: ${fields.join(', ')}`);
  }
  return parsed.data;
}

/** The server's account as the engine takes it. */
export function toEngineAccount(account: SipAccountResponse): SipAccount {
  return {
    aor: account.aor,
    displayName: account.displayName,
    ...(account.registrar ? { registrar: account.registrar } : {}),
    ...(account.authUser ? { authUser: account.authUser } : {}),
    ...(account.password ? { password: account.password } : {}),
  };
}

export type SipLineOptions = {
  telephony: Telephony | null;
  /** The signed-in user's account from the server; null when he has none (404). */
  fetchAccount: () => Promise<SipAccountResponse | null>;
  /** Why this user cannot take calls here, or null when he can. */
  onProblem: (problem: string | null) => void;
  warn: (message: string) => void;
};

export type SipLine = { signIn(): Promise<void>; signOut(): Promise<void> };

/**
 * The user's SIP account on this desktop's engine: fetched from the server at sign-in, taken
 * away at sign-out so that the next user of the desktop never gets the last one's calls.
 * Nothing to do when settings fix the account.
 */
export function createSipLine(options: SipLineOptions): SipLine {
  const use = options.telephony?.useServerAccount;
  return {
    async signIn() {
      if (!use) return;
      let account: SipAccountResponse | null;
      try {
        account = await options.fetchAccount();
      } catch (error) {
        options.onProblem(
          `the SIP account could not be fetched from the server: ${message(error)}`,
        );
        return;
      }
      if (!account) {
        await use(null).catch((error: unknown) =>
          options.warn(`the SIP account could not be removed from the engine: ${message(error)}`),
        );
        options.onProblem('no SIP account is set up for this user on the server');
        return;
      }
      try {
        await use(toEngineAccount(account));
        options.onProblem(null);
      } catch (error) {
        options.onProblem(`the softphone engine did not take the SIP account: ${message(error)}`);
      }
    },
    async signOut() {
      if (!use) return;
      options.onProblem(null);
      await use(null).catch((error: unknown) =>
        options.warn(`the SIP account could not be removed from the engine: ${message(error)}`),
      );
    },
  };
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function parseWrapUpMode(text: string): WrapUpMode {
  if (text === 'optional' || text === 'mandatory') return { kind: text };
  const [, seconds, defaultDisposition] = text.split(':');
  return {
    kind: 'timed',
    timeoutMs: Number(seconds) * 1000,
    defaultDisposition: defaultDisposition!,
  };
}
