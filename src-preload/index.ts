import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, isEventName } from '../src-shared/contract/contract';
import type { SwitchboardBridge } from '../src-shared/contract/bridge';
import type { CallOutcome } from '../src-shared/contract/errors';
import {
  IPC_REPLICA_CHANNEL,
  ipcCommandChannel,
  ipcEventChannel,
} from '../src-shared/contract/wire';

// One named function per contract command; the renderer never gets ipcRenderer itself.
const commands = Object.fromEntries(
  COMMAND_NAMES.map((command) => [
    command,
    (args: unknown): Promise<CallOutcome> => ipcRenderer.invoke(ipcCommandChannel(command), args),
  ]),
) as SwitchboardBridge['commands'];

const subscribe: SwitchboardBridge['subscribe'] = (event, listener) => {
  if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
  const channel = ipcEventChannel(event);
  const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void =>
    (listener as (payload: unknown) => void)(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
};

const replica: SwitchboardBridge['replica'] = {
  send: (message) => ipcRenderer.send(IPC_REPLICA_CHANNEL, message),
  onMessage: (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, message: unknown): void =>
      listener(message);
    ipcRenderer.on(IPC_REPLICA_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_REPLICA_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('switchboard', {
  commands,
  subscribe,
  replica,
} satisfies SwitchboardBridge);
