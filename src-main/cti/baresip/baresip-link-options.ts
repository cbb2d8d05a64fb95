import type { CtiLogger } from '../logger.js';
import type { EnginePorts, SipAccount } from './engine-config.js';
import type { RestartPolicy } from './engine-supervisor.js';

export interface BaresipLinkOptions {
  /**
   * The agent's account, fixed for the link's life (settings, tests). Without it the engine runs
   * with no account until `useAccount` gives it the signed-in user's.
   */
  account?: SipAccount;
  /** The engine's own folder inside the app's data folder (its config is written there). */
  configDir: string;
  ports: EnginePorts;
  /** `baresip` (looked up in PATH) or an absolute path. */
  enginePath?: string;
  modulePath?: string;
  logger?: CtiLogger;
  restart?: Partial<RestartPolicy>;
  commandTimeoutMs?: number;
  /**
   * A dialled call that gets no ringing/answer in this time is abandoned as unreachable. Over UDP
   * baresip 1.0 ignores ICMP "port unreachable" and would wait 32 s (Timer B).
   */
  setupTimeoutMs?: number;
  /** `quit` lets baresip finish its SIP transactions; after this it gets SIGTERM, then SIGKILL. */
  stopGraceMs?: number;
  stopTermMs?: number;
}
