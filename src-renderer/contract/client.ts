import {
  commands,
  isEventName,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type EventName,
  type EventPayload,
} from '../../src-shared/contract/contract';
import type { SwitchboardBridge } from '../../src-shared/contract/bridge';
import { ContractError } from '../../src-shared/contract/errors';
import { CONTRACT_SOCKET_PATH } from '../../src-shared/contract/wire';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { createWebSocketTransport } from './websocket-transport';

/** The renderer's one client of the contract, whichever transport carries it. */
export class ContractClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  get transportKind(): Transport['kind'] {
    return this.#transport.kind;
  }

  /** Resolves with the command's typed result, or throws a ContractError. */
  async call<N extends CommandName>(command: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    const outcome = await this.#transport.call(command, args);
    if (!outcome.ok) throw new ContractError(outcome.error);
    const parsed = commands[command].result.safeParse(outcome.result);
    if (!parsed.success) {
      throw new ContractError({ code: 'internal', message: `unexpected result for ${command}` });
    }
    return parsed.data as CommandResult<N>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.#transport.subscribe((name, payload) => {
      if (name === event && isEventName(name)) listener(payload as EventPayload<E>);
    });
  }
}

declare global {
  interface Window {
    readonly switchboard?: SwitchboardBridge;
  }
}

/** In Electron the preload has put the bridge on window; in a browser, use the host's socket. */
export function connectToCore(): ContractClient {
  if (window.switchboard) return new ContractClient(createIpcTransport(window.switchboard));
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new ContractClient(
    createWebSocketTransport(`${scheme}//${window.location.host}${CONTRACT_SOCKET_PATH}`),
  );
}
