import { useCallback, useEffect, useState } from 'react';
import type { CommandArgs, CommandName } from '../../src-shared/contract/contract';
import type { AgentSnapshot, ScreenPop } from '../../src-shared/domain/agent';
import { useCore } from '../app/core-context';

type AgentCommand = Extract<CommandName, `agent.${string}` | `call.${string}` | `wrapUp.${string}`>;

export type AgentState = {
  snapshot: AgentSnapshot | null;
  /** Screen pops by call id: filled before the agent answers. */
  pops: ReadonlyMap<string, ScreenPop>;
  run: <N extends AgentCommand>(command: N, args: CommandArgs<N>) => Promise<void>;
};

/** The agent's live state from the core, and a runner for call-control commands. */
export function useAgent(onError: (error: unknown) => void): AgentState {
  const client = useCore();
  const [snapshot, setSnapshot] = useState<AgentSnapshot | null>(null);
  const [pops, setPops] = useState<ReadonlyMap<string, ScreenPop>>(new Map());

  useEffect(() => {
    let current = true;
    client
      .call('agent.get', {})
      .then((next) => current && setSnapshot(next))
      .catch(onError);
    const stops = [
      client.on('agent.changed', setSnapshot),
      client.on('call.screenPop', (pop) =>
        setPops((previous) => new Map(previous).set(pop.callId, pop)),
      ),
    ];
    return () => {
      current = false;
      stops.forEach((stop) => stop());
    };
  }, [client, onError]);

  const run = useCallback(
    async <N extends AgentCommand>(command: N, args: CommandArgs<N>) => {
      try {
        setSnapshot((await client.call(command, args)) as AgentSnapshot);
      } catch (error) {
        onError(error);
      }
    },
    [client, onError],
  );

  return { snapshot, pops, run };
}
