import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_CALL_BYTES } from '../../src-shared/contract/contract';
import { CONTRACT_SOCKET_PATH } from '../../src-shared/contract/wire';
import { createCore } from '../../src-main/core/core';
import { MemoryTokenVault } from '../../src-main/core/token-vault';
import { startHost, type RunningHost } from '../../src-main/host/host-server';
import { useTestServer } from '../../src-server/test-support/test-server';

// The real central server (PostgreSQL when DATABASE_URL is set, else PGlite), the real core
// and the real host: only the renderer is replaced by a WebSocket client speaking its frames.
const server = useTestServer({ demoSize: 80, accessTokenTtlSeconds: 20 });
let host: RunningHost;
let vault: MemoryTokenVault;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  const address = await server().app.listen({ host: '127.0.0.1', port: 0 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-host-'));
  const rendererDir = path.join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  vault = new MemoryTokenVault();
  const core = createCore({
    version: 'test',
    dataDir,
    serverUrl: address,
    tokenVault: vault,
    logger: quiet,
  });
  host = await startHost({ core, rendererDir });
});

afterAll(async () => {
  await host?.close();
});

type Frame = {
  type: string;
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: { code: string };
  event?: string;
  payload?: unknown;
};

class Client {
  readonly frames: Frame[] = [];
  readonly socket: WebSocket;
  #next = 1;

  constructor(origin: string | null = host.url) {
    const url = host.url.replace('http', 'ws') + CONTRACT_SOCKET_PATH;
    this.socket = new WebSocket(url, origin === null ? {} : { origin });
    this.socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  closed(): Promise<number> {
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }

  async call(command: string, args: unknown): Promise<Frame> {
    const id = this.#next++;
    this.socket.send(JSON.stringify({ type: 'call', id, command, args }));
    return this.waitFor((frame) => frame.type === 'result' && frame.id === id);
  }

  async sendRaw(data: string | Buffer): Promise<Frame> {
    const before = this.frames.length;
    this.socket.send(data);
    return this.waitFor((frame, index) => index >= before && frame.type === 'error');
  }

  async waitFor(match: (frame: Frame, index: number) => boolean): Promise<Frame> {
    for (let attempt = 0; attempt < 500; attempt++) {
      const found = this.frames.find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no matching frame; got ${JSON.stringify(this.frames)}`);
  }
}

describe('the browser host serves the contract', () => {
  it('sends the CSP and security headers with the renderer', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in, searches customers and emits session events', async () => {
    const client = new Client();
    await client.opened();
    const refused = await client.call('customers.search', { q: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const login = await client.call('session.login', {
      tenant: 'demo',
      username: 'agent',
      password: 'switchboard-demo',
    });
    expect(login).toMatchObject({
      ok: true,
      result: { user: { username: 'agent', role: 'agent' } },
    });
    await client.waitFor((frame) => frame.type === 'event' && frame.event === 'session.changed');

    const search = await client.call('customers.search', { q: '', limit: 5 });
    expect(search.ok).toBe(true);
    const result = search.result as { items: unknown[]; total: number };
    expect(result.items).toHaveLength(5);
    expect(result.total).toBeGreaterThanOrEqual(80);
    client.socket.close();
  });

  it('refreshes the short-lived access token and rotates the refresh token', async () => {
    const client = new Client();
    await client.opened();
    await client.call('session.login', {
      tenant: 'demo',
      username: 'agent',
      password: 'switchboard-demo',
    });
    const first = await vault.load();
    // With a 20 s access token the core refreshes before every request (30 s margin).
    expect((await client.call('customers.search', { q: '' })).ok).toBe(true);
    const second = await vault.load();
    expect((await client.call('customers.search', { q: '' })).ok).toBe(true);
    expect(second).not.toBe(first);
    expect(await vault.load()).not.toBe(second);
    client.socket.close();
  });

  it('rejects wrong credentials with a typed error', async () => {
    const client = new Client();
    await client.opened();
    const outcome = await client.call('session.login', {
      tenant: 'demo',
      username: 'agent',
      password: 'nope',
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    client.socket.close();
  });
});

describe('the browser host refuses bad input', () => {
  it.each([
    ['text that is not JSON', '{"type":"call",'],
    ['JSON that is not a call', '{"hello":"world"}'],
    ['a call without an id', '{"type":"call","command":"session.get","args":{}}'],
    ['a negative id', '{"type":"call","id":-1,"command":"session.get","args":{}}'],
    ['an array', '[1,2,3]'],
  ])('answers %s with bad_request and stays open', async (_label, raw) => {
    const client = new Client();
    await client.opened();
    const error = await client.sendRaw(raw);
    expect(error.error?.code).toBe('bad_request');
    expect((await client.call('session.get', {})).ok).toBe(true);
    client.socket.close();
  });

  it('answers binary frames with bad_request', async () => {
    const client = new Client();
    await client.opened();
    const error = await client.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(error.error?.code).toBe('bad_request');
    client.socket.close();
  });

  it('answers unknown commands and bad arguments with typed errors', async () => {
    const client = new Client();
    await client.opened();
    expect(await client.call('system.exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await client.call('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await client.call('customers.search', { q: 5, limit: 10_000 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    client.socket.close();
  });

  it('closes the socket on an oversized frame (1009)', async () => {
    const client = new Client();
    await client.opened();
    const closed = client.closed();
    client.socket.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        command: 'session.get',
        args: { pad: 'x'.repeat(MAX_CALL_BYTES) },
      }),
    );
    expect(await closed).toBe(1009);
  });

  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['no origin', null],
  ])('closes a connection from %s (1008)', async (_label, origin) => {
    const client = new Client(origin);
    const closed = client.closed();
    expect(await closed).toBe(1008);
  });
});
