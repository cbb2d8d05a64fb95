/**
 * The one boundary between the headset logic and the OS: an object shaped like node-hid's
 * HIDAsync (and HID) device, so production passes the node-hid device itself and tests pass a
 * plain object of the same shape.
 */
export interface HidDeviceLike {
  /** Report id first (0 without report ids), then the payload. */
  write(values: number[]): number | Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): void | Promise<void>;
}

/** What enumeration tells about one HID interface (node-hid's `Device`). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface: number;
}
