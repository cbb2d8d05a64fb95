/**
 * Errors raised for bad descriptors and bad reports. One class per kind so callers (the CLI, the
 * session, discovery) can tell "this device is malformed" from programming errors and keep running.
 */
export class DescriptorError extends Error {
  constructor(
    message: string,
    /** Byte offset in the descriptor where the problem was found, when known. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'DescriptorError';
  }
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

/** The HID spec caps nothing, but no real telephony descriptor is near this; past it is garbage. */
export const MAX_DESCRIPTOR_BYTES = 4096;
/** Largest report (payload, without report id) we accept from or build for a device. */
export const MAX_REPORT_BYTES = 4096;
