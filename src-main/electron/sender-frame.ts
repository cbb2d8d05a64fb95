import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { SenderFrame } from '../core/sender-policy';

/** What the sender policy needs to know about an IPC message's frame; null once it is gone. */
export function senderFrameOf(event: IpcMainEvent | IpcMainInvokeEvent): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  // Electron tells the top frame apart by identity with the sender's main frame.
  return { url: frame.url, isTopFrame: frame === event.sender.mainFrame };
}
