import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import type { AgentSnapshot } from '../../../src-shared/domain/agent';
import { AgentSession } from '../../../src-main/agent/agent-session';
import type { WrapUpMode } from '../../../src-main/agent/agent-types';
import { createCore, type Core, type CoreOptions } from '../../../src-main/core/core';
import { MemoryTokenVault } from '../../../src-main/core/token-vault';
import { openReplica, type ReplicaDatabase } from '../../../src-main/replica/open-replica';
import { useTestServer } from '../../../src-server/test-support/test-server';
import { startTestEngine, type TestEngine } from '../../sip/harness/engine';
import { killAllSipp } from '../../sip/harness/sipp';

export type Seen = { event: string; payload: unknown };

export type AgentCore = {
  core: Core;
  engine: TestEngine;
  dataDir: string;
  replica: ReplicaDatabase | null;
  seen: Seen[];
  /** The newest agent state the core published. */
  status(): AgentSnapshot['status'] | undefined;
};

export type AgentCoreOptions = {
  wrapUpMode: WrapUpMode;
  withReplica?: boolean;
  headsets?: CoreOptions['headsets'];
};

/**
 * Real parts for an agent-side integration test: the central server (PostgreSQL or PGlite),
 * a real baresip driven by our provider, the core with its call model. Every test file that
 * calls this gets a fresh server database; every test gets its own engine and data folder.
 */
export function useAgentCore(demoSize = 120): {
  start(options: AgentCoreOptions): Promise<AgentCore>;
} {
  const server = useTestServer({ demoSize });
  let serverUrl = '';
  let running: AgentCore | undefined;

  beforeAll(async () => {
    serverUrl = await server().app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterEach(async () => {
    killAllSipp();
    await running?.core.dispose();
    await running?.replica?.close();
    await running?.engine.dispose();
    running = undefined;
  });

  return {
    async start(options) {
      const engine = await startTestEngine();
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-agent-'));
      const replica = options.withReplica
        ? await openReplica({ dataDir: path.join(dataDir, 'replica') })
        : null;
      const core = createCore({
        version: 'test',
        dataDir,
        serverUrl,
        tokenVault: new MemoryTokenVault(),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        replica,
        headsets: options.headsets ?? null,
        createTelephony: (sink) => ({
          link: engine.link,
          session: new AgentSession({ link: engine.link, sink, wrapUpMode: options.wrapUpMode }),
        }),
      });
      const seen: Seen[] = [];
      core.events.subscribe((event, payload) => seen.push({ event, payload }));
      const status = () =>
        (
          seen.filter((entry) => entry.event === 'agent.changed').at(-1)?.payload as
            AgentSnapshot | undefined
        )?.status;
      running = { core, engine, dataDir, replica, seen, status };
      return running;
    },
  };
}

/** A contract call that must succeed. */
export async function call<T = AgentSnapshot>(
  core: Core,
  command: string,
  args: unknown = {},
): Promise<T> {
  const outcome = await core.dispatch(command, args);
  if (!outcome.ok) throw new Error(`${command}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result as T;
}

/** Polls until the check holds (bounded: 10 s), for states that arrive asynchronously. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const DEMO_AGENT = { tenant: 'demo', username: 'agent', password: 'switchboard-demo' };
