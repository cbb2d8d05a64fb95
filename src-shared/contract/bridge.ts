import type { CommandArgs, CommandName, CommandResult, EventName, EventPayload } from './contract';
import type { CallOutcome } from './errors';

/**
 * What the preload puts on `window.switchboard`: one function per command (named, not a
 * generic send), and a subscription per contract event. Results come back as outcomes so that
 * typed errors survive Electron's IPC (which flattens thrown errors to strings).
 */
export type SwitchboardBridge = {
  readonly commands: {
    readonly [N in CommandName]: (args: CommandArgs<N>) => Promise<CallOutcome>;
  };
  readonly subscribe: <E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
  /** RxDB remote-storage messages to and from main's replica (checked in main). */
  readonly replica: {
    readonly send: (message: unknown) => void;
    readonly onMessage: (listener: (message: unknown) => void) => () => void;
  };
};

export type CommandCaller = <N extends CommandName>(
  command: N,
  args: CommandArgs<N>,
) => Promise<CommandResult<N>>;
