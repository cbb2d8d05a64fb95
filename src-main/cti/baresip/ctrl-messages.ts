import { z } from 'zod';

/** What baresip's ctrl_tcp sends, validated: the socket is an external input like any other. */

export const ctrlResponseSchema = z.object({
  response: z.literal(true),
  ok: z.boolean(),
  data: z.string().optional(),
  token: z.string().optional(),
});

export const ctrlEventSchema = z.object({
  event: z.literal(true),
  type: z.string(),
  class: z.string().optional(),
  accountaor: z.string().optional(),
  direction: z.string().optional(),
  peeruri: z.string().optional(),
  peerdisplayname: z.string().optional(),
  id: z.string().optional(),
  param: z.string().optional(),
});

export type CtrlResponse = z.infer<typeof ctrlResponseSchema>;
export type CtrlEvent = z.infer<typeof ctrlEventSchema>;

export type CtrlMessage =
  | { kind: 'response'; response: CtrlResponse }
  | { kind: 'event'; event: CtrlEvent }
  | { kind: 'invalid'; why: string };

export function parseCtrlMessage(payload: string): CtrlMessage {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { kind: 'invalid', why: 'not JSON' };
  }
  const response = ctrlResponseSchema.safeParse(json);
  if (response.success) return { kind: 'response', response: response.data };
  const event = ctrlEventSchema.safeParse(json);
  if (event.success) return { kind: 'event', event: event.data };
  return { kind: 'invalid', why: 'neither a response nor an event' };
}
