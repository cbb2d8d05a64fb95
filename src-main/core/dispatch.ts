import {
  commands,
  isCommandName,
  type CommandHandlers,
  type CommandName,
} from '../../src-shared/contract/contract';
import { ContractError, issuesFromZod, type CallOutcome } from '../../src-shared/contract/errors';

export type Dispatch = (command: unknown, args: unknown) => Promise<CallOutcome>;

export type DispatchLogger = { error: (message: string, detail?: unknown) => void };

/**
 * The single entry point for every transport (IPC, WebSocket): checks the command name,
 * parses the arguments, runs the handler and checks its result. Whatever goes wrong becomes a
 * typed error outcome; nothing a caller sends can throw out of here.
 */
export function createDispatcher(handlers: CommandHandlers, logger: DispatchLogger): Dispatch {
  return async (command, args) => {
    if (!isCommandName(command)) {
      return failure(
        new ContractError({
          code: 'unknown_command',
          message: `unknown command: ${describe(command)}`,
        }),
      );
    }
    const spec = commands[command];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) {
      return failure(
        new ContractError({
          code: 'bad_request',
          message: `invalid arguments for ${command}`,
          issues: issuesFromZod(parsed.error),
        }),
      );
    }
    try {
      const result = await runHandler(handlers, command, parsed.data);
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        logger.error(
          `handler for ${command} returned a result outside the contract`,
          checked.error,
        );
        return failure(new ContractError({ code: 'internal', message: 'internal error' }));
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (error instanceof ContractError) return failure(error);
      logger.error(`handler for ${command} failed`, error);
      return failure(new ContractError({ code: 'internal', message: 'internal error' }));
    }
  };
}

function runHandler<N extends CommandName>(
  handlers: CommandHandlers,
  command: N,
  args: unknown,
): Promise<unknown> {
  // The schema for `command` has just parsed `args`, so the handler gets what it declares.
  const handler = handlers[command] as (parsedArgs: unknown) => Promise<unknown>;
  return handler(args);
}

function failure(error: ContractError): CallOutcome {
  return { ok: false, error: error.toData() };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 100));
  return typeof value;
}
