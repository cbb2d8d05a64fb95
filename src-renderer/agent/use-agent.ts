import { useCallback, useEffect, useState } from 'react';
import type { CommandArgs, CommandName } from '../../src-shared/contract/contract';
import type { AgentSnapshot, ScreenPop } from '../../src-shared/domain/agent';
import { useCore } from '../app/core-context';
import { useLiveValue } from '../app/use-live-value';

type AgentCommand = Extract<CommandName, `agent.${string}` | `call.${string}` | `wrapUp.${string}`>;

export type AgentState = {
  snapshot: AgentSnapshot | null;
  /** Screen pops by call id: filled before the agent answers. */
  pops: ReadonlyMap<string, ScreenPop>;
  run: <N extends AgentCommand>(command: N, args: CommandArgs<N>) => Promise<void>;
};

/**
 * The agent's live state from the core, and a runner for call-control commands. Every change a
 * command causes comes back as an 'agent.changed' event, so the runner only reports failures.
 */
export function useAgent(onError: (error: unknown) => void): AgentState {
  const client = useCore();
  const snapshot = useLiveValue('agent.get', 'agent.changed', onError);
  const [pops, setPops] = useState<ReadonlyMap<string, ScreenPop>>(new Map());

  useEffect(
    () =>
      client.on('call.screenPop', (pop) =>
        setPops((previous) => new Map(previous).set(pop.callId, pop)),
      ),
    [client],
  );

  const run = useCallback(
    async <N extends AgentCommand>(command: N, args: CommandArgs<N>) => {
      await client.call(command, args).catch(onError);
    },
    [client, onError],
  );

  return { snapshot, pops, run };
}
