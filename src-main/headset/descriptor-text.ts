import { DescriptorError, MAX_DESCRIPTOR_BYTES } from './hid-errors';

export interface DescriptorFile {
  bytes: Uint8Array;
  name?: string;
  vendorId?: number;
  productId?: number;
}

/** True when the bytes look like hid-recorder text rather than a raw binary descriptor. */
export function looksLikeHidRecorderText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  return /^(#|[RNIPE]:)/m.test(head) && !head.includes('\0');
}

/**
 * Parses hid-recorder's text format: `# comment`, `R: <len> <hex bytes>`, `N: <name>`,
 * `I: <bus> <vid> <pid>`. Other lines (`P:`, `E:` events) are skipped. The declared length must
 * match the bytes, which catches a descriptor cut short when the file was copied.
 */
export function parseHidRecorderText(text: string): DescriptorFile {
  let bytes: Uint8Array | undefined;
  const out: Omit<DescriptorFile, 'bytes'> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line.startsWith('R:')) {
      if (bytes !== undefined) throw new DescriptorError(`second R: line at line ${lineNo}`);
      bytes = parseRLine(line.slice(2).trim(), lineNo);
    } else if (line.startsWith('N:')) {
      out.name = line.slice(2).trim();
    } else if (line.startsWith('I:')) {
      const parts = line.slice(2).trim().split(/\s+/);
      const vid = Number.parseInt(parts[1] ?? '', 16);
      const pid = Number.parseInt(parts[2] ?? '', 16);
      if (Number.isNaN(vid) || Number.isNaN(pid)) {
        throw new DescriptorError(`malformed I: line at line ${lineNo}`);
      }
      out.vendorId = vid;
      out.productId = pid;
    }
  }
  if (bytes === undefined) throw new DescriptorError('no R: line (report descriptor) found');
  return { bytes, ...out };
}

function parseRLine(rest: string, lineNo: number): Uint8Array {
  const tokens = rest.split(/\s+/).filter((t) => t.length > 0);
  const declared = Number.parseInt(tokens[0] ?? '', 10);
  if (!Number.isInteger(declared) || declared < 0) {
    throw new DescriptorError(`R: line ${lineNo} does not start with a byte count`);
  }
  if (declared > MAX_DESCRIPTOR_BYTES) {
    throw new DescriptorError(
      `R: line ${lineNo} declares ${declared} bytes, more than the ${MAX_DESCRIPTOR_BYTES} accepted`,
    );
  }
  const hex = tokens.slice(1);
  if (hex.length !== declared) {
    throw new DescriptorError(
      `R: line ${lineNo} declares ${declared} bytes but holds ${hex.length} (truncated?)`,
    );
  }
  const bytes = new Uint8Array(hex.length);
  hex.forEach((h, i) => {
    if (!/^[0-9a-fA-F]{2}$/.test(h)) {
      throw new DescriptorError(`R: line ${lineNo} has a bad hex byte "${h}"`);
    }
    bytes[i] = Number.parseInt(h, 16);
  });
  return bytes;
}
