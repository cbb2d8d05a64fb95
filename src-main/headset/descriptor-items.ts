import { DescriptorError, MAX_DESCRIPTOR_BYTES } from './hid-errors';

export type ItemType = 'main' | 'global' | 'local' | 'long';

/** One item of a report descriptor, decoded from its prefix byte (HID 1.11 §6.2.2.2-3). */
export interface DescriptorItem {
  type: ItemType;
  tag: number;
  /** Data bytes as sent (little-endian); length 0, 1, 2 or 4 for short items. */
  data: Uint8Array;
  /** Offset of the prefix byte, for error messages. */
  offset: number;
}

const TYPE_BY_BITS: readonly (ItemType | undefined)[] = ['main', 'global', 'local', undefined];
const LONG_ITEM_PREFIX = 0xfe;

/**
 * Splits a descriptor into items. Bounds are checked before every read so a truncated or hostile
 * descriptor ends in a DescriptorError rather than reading past the buffer.
 */
export function tokenizeDescriptor(bytes: Uint8Array): DescriptorItem[] {
  if (bytes.length === 0) throw new DescriptorError('empty report descriptor');
  if (bytes.length > MAX_DESCRIPTOR_BYTES) {
    throw new DescriptorError(
      `report descriptor is ${bytes.length} bytes, more than the ${MAX_DESCRIPTOR_BYTES} accepted`,
    );
  }
  const items: DescriptorItem[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const offset = pos;
    const prefix = bytes[pos] as number;
    if (prefix === LONG_ITEM_PREFIX) {
      // Long item: 0xFE, bDataSize, bLongItemTag, data. No standard long items exist; we keep
      // them only to skip them correctly.
      if (pos + 3 > bytes.length) throw new DescriptorError('long item header truncated', offset);
      const size = bytes[pos + 1] as number;
      const tag = bytes[pos + 2] as number;
      const end = pos + 3 + size;
      if (end > bytes.length) throw new DescriptorError('long item runs past the end', offset);
      items.push({ type: 'long', tag, data: bytes.subarray(pos + 3, end), offset });
      pos = end;
      continue;
    }
    const sizeBits = prefix & 0x03;
    const size = sizeBits === 3 ? 4 : sizeBits;
    const type = TYPE_BY_BITS[(prefix >> 2) & 0x03];
    if (type === undefined) {
      throw new DescriptorError(`reserved item type in prefix 0x${hex2(prefix)}`, offset);
    }
    const end = pos + 1 + size;
    if (end > bytes.length) throw new DescriptorError('item data runs past the end', offset);
    items.push({ type, tag: prefix >> 4, data: bytes.subarray(pos + 1, end), offset });
    pos = end;
  }
  return items;
}

export function unsignedData(data: Uint8Array): number {
  let value = 0;
  for (let i = data.length - 1; i >= 0; i--) value = value * 256 + (data[i] as number);
  return value;
}

/** Two's-complement value of 1, 2 or 4 data bytes (logical/physical extents are signed). */
export function signedData(data: Uint8Array): number {
  if (data.length === 0) return 0;
  const unsigned = unsignedData(data);
  const bits = data.length * 8;
  const signBit = 2 ** (bits - 1);
  return unsigned >= signBit ? unsigned - 2 ** bits : unsigned;
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
