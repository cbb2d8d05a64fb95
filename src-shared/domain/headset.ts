import { z } from 'zod';

export const HeadsetDeviceSchema = z.object({
  path: z.string(),
  name: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
});

/** What the state bar shows about USB headsets. */
export const HeadsetStatusSchema = z.object({
  /** False when this desktop has no headset support (e.g. the browser host without HID). */
  supported: z.boolean(),
  devices: z.array(HeadsetDeviceSchema),
  activePath: z.string().nullable(),
});
export type HeadsetStatus = z.infer<typeof HeadsetStatusSchema>;
