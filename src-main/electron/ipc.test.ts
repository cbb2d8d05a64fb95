import type { BrowserWindow, IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, MAX_CALL_BYTES } from '../../src-shared/contract/contract';
import { ipcCommandChannel } from '../../src-shared/contract/wire';
import { CoreEvents } from '../core/core-events';
import type { Core } from '../core/core';
import { registerContractIpc } from './ipc';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;

// ipcMain is passed in, so the double here is only the shape of Electron's IPC events.
function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
  } as unknown as IpcMain;
  const dispatch = vi.fn(async () => ({ ok: true as const, result: { locale: 'en' } }));
  const core: Core = {
    dispatch,
    events: new CoreEvents(),
    start: async () => undefined,
    dispose: async () => undefined,
  };
  const sent: [string, unknown][] = [];
  const window = {
    isDestroyed: () => false,
    webContents: { send: (channel: string, payload: unknown) => sent.push([channel, payload]) },
  } as unknown as BrowserWindow;
  registerContractIpc(ipcMain, core, ['app://switchboard'], () => [window]);
  const call = (frame: { url: string; top: boolean } | null, args: unknown) => {
    // Electron tells the top frame apart by identity: senderFrame === sender.mainFrame.
    const mainFrame = { url: frame?.url ?? '' };
    const senderFrame = frame === null ? null : frame.top ? mainFrame : { url: frame.url };
    const handler = handlers.get(ipcCommandChannel('preferences.get'))!;
    return handler({ senderFrame, sender: { mainFrame } }, args);
  };
  return { handlers, dispatch, call, core, sent };
}

describe('registerContractIpc', () => {
  it('registers one channel per contract command and nothing else', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(ipcCommandChannel).sort());
  });

  it('dispatches calls from the top frame of our own page', async () => {
    const { call, dispatch } = setup();
    const outcome = await call({ url: 'app://switchboard/index.html', top: true }, {});
    expect(outcome).toEqual({ ok: true, result: { locale: 'en' } });
    expect(dispatch).toHaveBeenCalledWith('preferences.get', {});
  });

  it.each([
    ['a subframe of our page', { url: 'app://switchboard/index.html', top: false }],
    ['a foreign top frame', { url: 'https://evil.example/', top: true }],
    ['a destroyed frame', null],
  ])('refuses %s without reaching the core', async (_label, frame) => {
    const { call, dispatch } = setup();
    expect(await call(frame, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses oversized and unserializable payloads', async () => {
    const { call, dispatch } = setup();
    const top = { url: 'app://switchboard/index.html', top: true };
    const huge = { q: 'x'.repeat(MAX_CALL_BYTES + 1) };
    expect(await call(top, huge)).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await call(top, cyclic)).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards core events to every window', () => {
    const { core, sent } = setup();
    core.events.emit('connection.changed', { server: 'offline' });
    expect(sent).toEqual([['sb:evt:connection.changed', { server: 'offline' }]]);
  });
});
