import { EVENT_NAMES, isCommandName } from '../../src-shared/contract/contract';
import type { SwitchboardBridge } from '../../src-shared/contract/bridge';
import type { CallOutcome } from '../../src-shared/contract/errors';
import type { EventListener, Transport } from './transport';

/** Uses the preload's named bridge (window.switchboard). */
export function createIpcTransport(bridge: SwitchboardBridge): Transport {
  return {
    kind: 'ipc',
    call(command, args): Promise<CallOutcome> {
      if (!isCommandName(command)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown_command', message: `unknown command: ${command}` },
        });
      }
      const invoke = bridge.commands[command] as (args: unknown) => Promise<CallOutcome>;
      return invoke(args);
    },
    subscribe(listener: EventListener) {
      const stops = EVENT_NAMES.map((event) =>
        bridge.subscribe(event, (payload) => listener(event, payload)),
      );
      return () => stops.forEach((stop) => stop());
    },
  };
}
