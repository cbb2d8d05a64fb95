import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { CtrlClient } from './ctrl-client.js';
import type { CtrlEvent } from './ctrl-messages.js';
import { encodeNetstring } from './netstring.js';

/**
 * A fake ctrl_tcp server, used ONLY for what a real baresip never sends: malformed input and
 * abrupt closes. Everything else is tested against the real engine.
 */
async function fakeEngine() {
  const server = net.createServer();
  const sockets: net.Socket[] = [];
  const received: string[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('data', (d) => received.push(d.toString()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const logger = memoryLogger();
  const client = new CtrlClient({ host: '127.0.0.1', port, logger, commandTimeoutMs: 300 });
  await client.connect();
  await until(() => sockets.length === 1);
  const peer = sockets[0]!;
  const tokenOf = async (n: number) => {
    await until(() => received.length >= n);
    return (JSON.parse(received[n - 1]!.replace(/^\d+:/, '').slice(0, -1)) as { token: string })
      .token;
  };
  return { server, peer, client, logger, tokenOf };
}

async function until(ok: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('ctrl_tcp client against a misbehaving peer', () => {
  it('logs and survives garbage, non-JSON, unknown shapes and oversized prefixes', async () => {
    const f = await fakeEngine();
    cleanup = () => {
      f.client.close();
      f.server.close();
    };
    const events: CtrlEvent[] = [];
    f.client.onEvent((e) => events.push(e));
    const reply = f.client.command('listcalls');
    const token = await f.tokenOf(1);
    f.peer.write('garbage without framing,');
    f.peer.write(encodeNetstring('this is not json'));
    f.peer.write(encodeNetstring('{"hello":"world"}'));
    f.peer.write(encodeNetstring('{"event":true,"type":"SOMETHING_NEW","class":"other"}'));
    f.peer.write(encodeNetstring(JSON.stringify({ response: true, ok: true, token: 'nobody' })));
    f.peer.write('999999999999:');
    f.peer.write(',');
    f.peer.write(encodeNetstring(JSON.stringify({ response: true, ok: true, data: 'x', token })));
    await expect(reply).resolves.toEqual({ ok: true, data: 'x' });
    expect(events.map((e) => e.type)).toEqual(['SOMETHING_NEW']);
    const warnings = f.logger.entries.filter((e) => e.level === 'warn').map((e) => e.msg);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'ctrl_tcp: malformed netstring skipped',
        'ctrl_tcp: message ignored',
        'ctrl_tcp: reply with unknown token ignored',
      ]),
    );
    expect(f.client.connected).toBe(true);
  });

  it('times out a command the engine never answers', async () => {
    const f = await fakeEngine();
    cleanup = () => {
      f.client.close();
      f.server.close();
    };
    await expect(f.client.command('hold')).rejects.toMatchObject({ code: 'timeout' });
  });

  it('fails pending commands at once when the socket closes mid-message', async () => {
    const f = await fakeEngine();
    cleanup = () => f.server.close();
    let closed = false;
    f.client.onClose(() => {
      closed = true;
    });
    const reply = f.client.command('dial', 'sip:x@127.0.0.1', 10_000);
    await f.tokenOf(1);
    f.peer.end('40:{"response":true,"ok":tr'); // truncated netstring, then FIN
    await expect(reply).rejects.toMatchObject({ code: 'engine-unavailable' });
    await until(() => closed);
    expect(f.logger.entries.map((e) => e.msg)).toContain('ctrl_tcp: truncated message at close');
    await expect(f.client.command('hold')).rejects.toMatchObject({ code: 'engine-unavailable' });
  });

  it('keeps reading when an event listener throws', async () => {
    const f = await fakeEngine();
    cleanup = () => {
      f.client.close();
      f.server.close();
    };
    let seen = 0;
    f.client.onEvent(() => {
      seen += 1;
      throw new Error('listener bug');
    });
    const event = JSON.stringify({ event: true, type: 'CALL_RINGING', class: 'call' });
    f.peer.write(Buffer.concat([encodeNetstring(event), encodeNetstring(event)]));
    await until(() => seen === 2);
    expect(f.client.connected).toBe(true);
  });
});
