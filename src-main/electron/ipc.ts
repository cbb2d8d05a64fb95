import type { BrowserWindow, IpcMain } from 'electron';
import { COMMAND_NAMES, MAX_CALL_BYTES } from '../../src-shared/contract/contract';
import type { CallOutcome } from '../../src-shared/contract/errors';
import { ipcCommandChannel, ipcEventChannel } from '../../src-shared/contract/wire';
import type { Core } from '../core/core';
import { isTrustedSender } from '../core/sender-policy';
import { senderFrameOf } from './sender-frame';

/**
 * One IPC channel per contract command. Each message's sender is checked (top frame of our
 * own origin) and its size bounded before the core's dispatcher parses the payload.
 */
export function registerContractIpc(
  ipcMain: IpcMain,
  core: Core,
  trustedOrigins: readonly string[],
  windows: () => readonly BrowserWindow[],
): void {
  for (const command of COMMAND_NAMES) {
    ipcMain.handle(ipcCommandChannel(command), async (event, args: unknown) => {
      if (!isTrustedSender(senderFrameOf(event), trustedOrigins)) {
        return refuse('forbidden', 'this frame may not call the agent core');
      }
      if (serializedSize(args) > MAX_CALL_BYTES) {
        return refuse('payload_too_large', `arguments exceed ${MAX_CALL_BYTES} bytes`);
      }
      return core.dispatch(command, args);
    });
  }
  core.events.subscribe((event, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(ipcEventChannel(event), payload);
    }
  });
}

function serializedSize(args: unknown): number {
  try {
    return JSON.stringify(args ?? null).length;
  } catch {
    // Cyclic or otherwise unserializable: treat as too large rather than let it through.
    return Number.POSITIVE_INFINITY;
  }
}

function refuse(code: 'forbidden' | 'payload_too_large', message: string): CallOutcome {
  return { ok: false, error: { code, message } };
}
