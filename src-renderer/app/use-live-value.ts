import { useEffect, useState } from 'react';
import type { CommandArgs, CommandResult } from '../../src-shared/contract/contract';
import { useCore } from './core-context';

/** Contract values the core both answers on request and announces when they change. */
type LiveValues = {
  'agent.get': 'agent.changed';
  'sync.get': 'sync.changed';
  'headset.get': 'headset.changed';
};

/**
 * The current value of one of the core's live values: asked for once, then followed through its
 * change event. Null until the first answer.
 */
export function useLiveValue<C extends keyof LiveValues>(
  command: C,
  event: LiveValues[C],
  onError?: (error: unknown) => void,
): CommandResult<C> | null {
  const client = useCore();
  const [value, setValue] = useState<CommandResult<C> | null>(null);
  useEffect(() => {
    let current = true;
    client
      // Every live value's command takes no arguments.
      .call(command, {} as CommandArgs<C>)
      .then((next) => current && setValue(next as CommandResult<C>))
      .catch((error: unknown) => onError?.(error));
    // The event carries the same schema as the command's result.
    const stop = client.on(event, (payload) => setValue(payload as CommandResult<C>));
    return () => {
      current = false;
      stop();
    };
  }, [client, command, event, onError]);
  return value;
}
