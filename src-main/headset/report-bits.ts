/** Bit access in HID report payloads: little-endian bit order, LSB of byte 0 is bit 0. */
export function readBits(payload: Uint8Array, bitOffset: number, bitSize: number): number {
  let value = 0;
  for (let i = bitSize - 1; i >= 0; i--) {
    const bit = bitOffset + i;
    const byte = payload[bit >> 3] ?? 0;
    value = value * 2 + ((byte >> (bit & 7)) & 1);
  }
  return value;
}

export function writeBits(
  payload: Uint8Array,
  bitOffset: number,
  bitSize: number,
  value: number,
): void {
  let rest = value < 0 ? value + 2 ** bitSize : value;
  for (let i = 0; i < bitSize; i++) {
    const bit = bitOffset + i;
    const index = bit >> 3;
    const mask = 1 << (bit & 7);
    const current = payload[index] ?? 0;
    payload[index] = rest % 2 === 1 ? current | mask : current & ~mask;
    rest = Math.floor(rest / 2);
  }
}
