import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryResult } from '../../src-shared/contract/directory';
import type { DirectoryColleague } from '../../src-shared/http/directory';
import { AgentSession } from '../../src-main/agent/agent-session';
import { createCore, type Core } from '../../src-main/core/core';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { startTcpProxy, type TcpProxy } from '../../src-main/sync/tcp-proxy';
import { agentPresence } from '../../src-server/db/schema';
import { useTestServer } from '../../src-server/test-support/test-server';
import { startTestEngine, type TestEngine } from '../sip/harness/engine';
import { call, until } from './support/agent-core';

// Real parts: the central server (PostgreSQL when DATABASE_URL is set), the agent core with a
// real baresip and call model, reaching the server through a TCP proxy the test can cut.
const server = useTestServer({ demoSize: 0 });
let proxy: TcpProxy;
const started: { core: Core; engine: TestEngine | null }[] = [];

beforeAll(async () => {
  const url = new URL(await server().app.listen({ host: '127.0.0.1', port: 0 }));
  proxy = await startTcpProxy(Number(url.port));
});
afterEach(async () => {
  for (const { core, engine } of started.splice(0)) {
    await core.dispose();
    await engine?.dispose();
  }
  await proxy.restore().catch(() => undefined);
});
afterAll(async () => {
  await proxy?.close();
});

async function desktop(options: { telephony: boolean }) {
  const engine = options.telephony ? await startTestEngine() : null;
  const warnings: string[] = [];
  const core = createCore({
    version: 'test',
    dataDir: await mkdtemp(path.join(tmpdir(), 'sb-presence-')),
    serverUrl: proxy.url,
    tokenVault: new MemoryTokenVault(),
    logger: {
      info: () => undefined,
      warn: (message) => void warnings.push(message),
      error: () => undefined,
    },
    ...(engine
      ? {
          createTelephony: (sink) => ({
            link: engine.link,
            session: new AgentSession({
              link: engine.link,
              sink,
              wrapUpMode: { kind: 'optional' },
            }),
          }),
        }
      : {}),
  });
  started.push({ core, engine });
  await core.start();
  return { core, warnings };
}

const signIn = (core: Core, username: string) =>
  call<{ user: { id: string } }>(core, 'session.login', {
    tenant: 'demo',
    username,
    password: 'switchboard-demo',
  });

async function colleagueSeenBy(core: Core, username: string): Promise<DirectoryColleague> {
  const result = await call<DirectoryResult>(core, 'directory.get');
  if (!result.available) throw new Error(`directory unavailable: ${result.reason}`);
  const found = result.colleagues.find((colleague) => colleague.username === username);
  if (!found) throw new Error(`${username} not listed`);
  return found;
}

/** Polls the directory as the other desktop sees it (reports are sent in the background). */
async function untilSeen(core: Core, username: string, presence: string): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 200; attempt++) {
    last = (await colleagueSeenBy(core, username)).presence;
    if (last === presence) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${username} stayed ${last}, expected ${presence}`);
}

describe('presence between two agent desktops', () => {
  it('shows one agent’s state changes in the other’s directory, and signed out after sign-out', async () => {
    const lina = await desktop({ telephony: true });
    const wang = await desktop({ telephony: false });
    await signIn(lina.core, 'agent2');
    await signIn(wang.core, 'agent');

    await untilSeen(wang.core, 'agent2', 'not_ready');
    expect((await colleagueSeenBy(wang.core, 'agent2')).reasonCode).toBe('login');
    await call(lina.core, 'agent.setReady');
    await untilSeen(wang.core, 'agent2', 'ready');
    await call(lina.core, 'agent.setNotReady', { reasonCode: 'lunch' });
    await untilSeen(wang.core, 'agent2', 'not_ready');
    expect((await colleagueSeenBy(wang.core, 'agent2')).reasonCode).toBe('lunch');

    await call(lina.core, 'session.logout');
    await untilSeen(wang.core, 'agent2', 'logged_out');
  });

  it('keeps the call flow going with the server unreachable, and catches up when it is back', async () => {
    const lina = await desktop({ telephony: true });
    await signIn(lina.core, 'agent2');
    const watcher = await desktop({ telephony: false });
    await signIn(watcher.core, 'supervisor');
    await untilSeen(watcher.core, 'agent2', 'not_ready');

    await proxy.cut();
    // Presence is best effort: state changes answer at once, the directory says why it is empty.
    expect((await call(lina.core, 'agent.setReady')).status).toBe('ready');
    expect((await call(lina.core, 'agent.setNotReady', { reasonCode: 'break' })).status).toBe(
      'not-ready',
    );
    expect(await call(lina.core, 'directory.get')).toEqual({ available: false, reason: 'offline' });
    await until(
      () => lina.warnings.some((message) => message.startsWith('presence: report failed')),
      'the failed report to be logged',
    );

    await proxy.restore();
    await call(lina.core, 'agent.setReady');
    await untilSeen(watcher.core, 'agent2', 'ready');
  });

  it('never reports for a technician, whose directory is refused', async () => {
    const tech = await desktop({ telephony: false });
    const user = await signIn(tech.core, 'tech');
    expect(await call(tech.core, 'directory.get')).toEqual({
      available: false,
      reason: 'forbidden',
    });
    const rows = await server()
      .db.select()
      .from(agentPresence)
      .where(eq(agentPresence.userId, user.user.id));
    expect(rows).toEqual([]);
    expect(tech.warnings.filter((message) => message.startsWith('presence'))).toEqual([]);
  });

  it('answers signed_out before anyone signs in', async () => {
    const nobody = await desktop({ telephony: false });
    expect(await call(nobody.core, 'directory.get')).toEqual({
      available: false,
      reason: 'signed_out',
    });
  });
});
