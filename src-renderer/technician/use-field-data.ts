import { useCallback, useEffect, useState } from 'react';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/contract/contract';
import { useCore } from '../app/core-context';

/**
 * A value read from the technician's replica through the core, read again whenever the
 * replica's work orders change (his edits, or what sync brought).
 */
export function useFieldData<N extends CommandName>(command: N, args: CommandArgs<N>) {
  const client = useCore();
  const key = JSON.stringify(args);
  const [value, setValue] = useState<CommandResult<N> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    client
      .call(command, JSON.parse(key) as CommandArgs<N>)
      .then((next) => {
        setValue(next);
        setError(null);
      })
      .catch(setError);
  }, [client, command, key]);
  useEffect(() => {
    reload();
    const stops = [client.on('fieldWork.changed', reload), client.on('sync.changed', reload)];
    return () => stops.forEach((stop) => stop());
  }, [client, reload]);
  return { value, error, reload };
}
