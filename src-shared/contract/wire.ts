import { z } from 'zod';
import { CallOutcomeSchema, ContractErrorSchema } from './errors';

/** WebSocket frames between the renderer and the browser host. */
export const ClientFrameSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  command: z.string().max(100),
  args: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.union([
  z.object({ type: z.literal('result'), id: z.number() }).and(CallOutcomeSchema),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  /** A frame that could not be read at all (no id to answer to). */
  z.object({ type: z.literal('error'), error: ContractErrorSchema }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** IPC channel names, derived from contract names so that both sides agree. */
export const ipcCommandChannel = (command: string): string => `sb:cmd:${command}`;
export const ipcEventChannel = (event: string): string => `sb:evt:${event}`;

/** Where the browser host serves the contract's WebSocket. */
export const CONTRACT_SOCKET_PATH = '/api/contract';

/** Where the browser host serves the replica's remote-storage WebSocket. */
export const REPLICA_SOCKET_PATH = '/api/replica';

/** The IPC channel carrying RxDB remote-storage messages between renderer and main. */
export const IPC_REPLICA_CHANNEL = 'sb:replica';
