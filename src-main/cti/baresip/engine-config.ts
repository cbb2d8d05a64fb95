import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The agent's SIP account. Every field ends up in baresip's line-oriented files, so anything
 * that could break out of its slot (quotes, angle brackets, `;`, line breaks) is refused here
 * rather than escaped: baresip 1.0 has no escaping rules we could rely on.
 */
export const sipAccountSchema = z.object({
  aor: z
    .string()
    .regex(/^sips?:[^\s"<>;\\]+@[^\s"<>;\\]+$/, 'aor must be a sip: URI without parameters'),
  password: z
    .string()
    .min(1)
    .regex(/^[^\s"<>;\\]+$/, 'password contains characters baresip cannot store')
    .optional(),
  registrar: z
    .string()
    .regex(/^sips?:[^\s"<>;\\]+$/, 'registrar must be a sip: URI')
    .optional(),
  /** Digest user name, when it is not the AOR's user part. */
  authUser: z
    .string()
    .regex(/^[^\s"<>;\\]+$/, 'auth user contains characters baresip cannot store')
    .optional(),
  displayName: z.string().regex(/^[^"<>\r\n\\]*$/, 'display name contains forbidden characters'),
});
export type SipAccount = z.infer<typeof sipAccountSchema>;

export interface EnginePorts {
  /** UDP+TCP SIP port; baresip also takes TCP sip+1, so keep that free too. */
  sip: number;
  ctrl: number;
  rtpMin: number;
  rtpMax: number;
}

export interface EngineConfigInput {
  ports: EnginePorts;
  /** Debian's location by default. */
  modulePath?: string;
}

export const DEFAULT_MODULE_PATH = '/usr/lib/baresip/modules';
export const ENGINE_HOST = '127.0.0.1';

export function renderConfig(input: EngineConfigInput): string {
  const { ports } = input;
  // Headless audio: there is no null device in baresip 1.0. ausine feeds a tone (without a source
  // a call sends no RTP at all) and aubridge swallows playback. ausine only does 48 kHz stereo.
  return [
    'poll_method epoll',
    `sip_listen ${ENGINE_HOST}:${ports.sip}`,
    `net_interface ${ENGINE_HOST}`,
    `rtp_ports ${ports.rtpMin}-${ports.rtpMax}`,
    'audio_source ausine,440',
    'audio_player aubridge,nil',
    'audio_alert aubridge,nil',
    'ausrc_srate 48000',
    'auplay_srate 48000',
    'ausrc_channels 2',
    'auplay_channels 2',
    `module_path ${input.modulePath ?? DEFAULT_MODULE_PATH}`,
    'module g711.so',
    'module ausine.so',
    'module aubridge.so',
    'module_tmp account.so',
    // menu provides the commands ctrl_tcp forwards; no stdio: it fails on a /dev/null stdin.
    'module_app menu.so',
    'module_app ctrl_tcp.so',
    `ctrl_tcp_listen ${ENGINE_HOST}:${ports.ctrl}`,
    '',
  ].join('\n');
}

/**
 * The account line for `uanew` (same syntax as baresip's accounts file). The account is added
 * over the control socket once we are connected, not read from the file at start-up: otherwise
 * REGISTERING/REGISTER_OK/REGISTER_FAIL fire before we listen and are lost (seen on 1.0), and
 * the SIP password never has to sit on disk.
 */
export function renderAccountLine(account: SipAccount, registerIntervalS = 60): string {
  const valid = sipAccountSchema.parse(account);
  const params = ['answermode=manual'];
  if (valid.authUser) params.push(`auth_user=${valid.authUser}`);
  if (valid.password) params.push(`auth_pass=${valid.password}`);
  if (valid.registrar) {
    params.push(`outbound="${valid.registrar}"`, `regint=${registerIntervalS}`);
  } else {
    params.push('regint=0');
  }
  const name = valid.displayName ? `"${valid.displayName}" ` : '';
  return `${name}<${valid.aor}>;${params.join(';')}`;
}

/** Writes `config` and an empty `accounts` into the engine's own folder. */
export async function writeEngineConfig(dir: string, input: EngineConfigInput): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path.join(dir, 'config'), renderConfig(input), { mode: 0o600 });
  // baresip would create a sample accounts file if none existed; ours is added via `uanew`.
  await writeFile(path.join(dir, 'accounts'), '# accounts are added at run time (uanew)\n', {
    mode: 0o600,
  });
}
