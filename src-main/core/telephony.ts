import path from 'node:path';
import { z } from 'zod';
import { AgentSession, type InteractionSink } from '../agent/agent-session';
import type { WrapUpMode } from '../agent/agent-types';
import { BaresipLink } from '../cti/baresip/baresip-link';
import { sipAccountSchema } from '../cti/baresip/engine-config';
import type { CtiLink } from '../cti/cti-link';

export type Telephony = { link: CtiLink; session: AgentSession };

const port = z.coerce.number().int().min(1024).max(65535);
const TelephonyEnvironmentSchema = z.object({
  SWITCHBOARD_SIP_AOR: z.string(),
  SWITCHBOARD_SIP_PASSWORD: z.string().optional(),
  SWITCHBOARD_SIP_REGISTRAR: z.string().optional(),
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
 * The softphone engine and call model, configured from the environment; null when no SIP
 * account is configured (the console then says calls cannot be taken on this desktop).
 * A malformed setting is an error at start, not a silently different phone.
 */
export function telephonyFromEnvironment(
  environment: NodeJS.ProcessEnv,
  dataDir: string,
  sink: InteractionSink,
): Telephony | null {
  if (!environment.SWITCHBOARD_SIP_AOR) return null;
  const parsed = TelephonyEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`telephony settings are invalid: ${fields}`);
  }
  const settings = parsed.data;
  const account = sipAccountSchema.parse({
    aor: settings.SWITCHBOARD_SIP_AOR,
    password: settings.SWITCHBOARD_SIP_PASSWORD,
    registrar: settings.SWITCHBOARD_SIP_REGISTRAR,
    displayName: settings.SWITCHBOARD_SIP_DISPLAY_NAME,
  });
  const [rtpMin, rtpMax] = settings.SWITCHBOARD_RTP_PORTS.split('-').map(Number) as [
    number,
    number,
  ];
  const link = new BaresipLink({
    account,
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
  return { link, session };
}

export function parseWrapUpMode(text: string): WrapUpMode {
  if (text === 'optional' || text === 'mandatory') return { kind: text };
  const [, seconds, defaultDisposition] = text.split(':');
  return {
    kind: 'timed',
    timeoutMs: Number(seconds) * 1000,
    defaultDisposition: defaultDisposition!,
  };
}
