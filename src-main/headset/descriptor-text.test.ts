import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeHidRecorderText, parseHidRecorderText } from './descriptor-text';
import { DescriptorError } from './hid-errors';
import { fixtureDir } from './test-support/fixtures';

describe('hid-recorder text', () => {
  it('reads bytes, name and ids of a fixture', () => {
    const text = readFileSync(path.join(fixtureDir, 'jabra-speak810.hid'), 'utf8');
    const file = parseHidRecorderText(text);
    expect(file.bytes.length).toBe(267);
    expect([...file.bytes.subarray(0, 6)]).toEqual([0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01]);
    expect(file.name).toBe('Jabra SPEAK 810 (speakerphone)');
    expect([file.vendorId, file.productId]).toEqual([0x0b0e, 0x2456]);
  });

  it.each([
    ['no R: line', '# nothing\nN: x\n', /no R: line/],
    ['fewer bytes than declared', 'R: 3 05 0b\n', /declares 3 bytes but holds 2/],
    ['bad hex', 'R: 2 05 zz\n', /bad hex byte "zz"/],
    ['no count', 'R: 05 0b\n', /declares 5 bytes but holds 1/],
    ['declared size over the limit', 'R: 5000 00\n', /declares 5000 bytes, more than/],
    ['two descriptors', 'R: 1 c0\nR: 1 c0\n', /second R: line/],
    ['bad I: line', 'R: 1 c0\nI: 3 zz\n', /malformed I: line/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseHidRecorderText(text)).toThrow(DescriptorError);
    expect(() => parseHidRecorderText(text)).toThrow(message);
  });

  it('tells text from a raw descriptor', () => {
    expect(looksLikeHidRecorderText(Buffer.from('# dev\nR: 1 c0\n'))).toBe(true);
    expect(looksLikeHidRecorderText(Uint8Array.from([0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01]))).toBe(
      false,
    );
  });
});
