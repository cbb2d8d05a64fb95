/**
 * Prints the telephony layout of a report descriptor as JSON.
 *   tsx src-main/headset/inspect-cli.ts <file.hid | /dev/hidrawN | raw-descriptor-file>
 * Exit 0 on success (telephony: null for a non-telephony device), 1 on a bad or unreadable
 * descriptor, 2 on bad usage.
 */
import { readFile, stat } from 'node:fs/promises';
import { sysfsDescriptorPath } from './descriptor-source';
import { inspectDescriptor } from './inspect-layout';

const MAX_INPUT_FILE_BYTES = 1024 * 1024;

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    console.error('usage: inspect-cli <file.hid | /dev/hidrawN | raw-descriptor-file>');
    return 2;
  }
  const target = args[0] as string;
  const sysfs = sysfsDescriptorPath(target);
  try {
    // Text of a 4096-byte descriptor is ~13 KB; anything near a megabyte is the wrong file.
    if ((await stat(sysfs ?? target)).size > MAX_INPUT_FILE_BYTES) {
      throw new Error(`file is larger than ${MAX_INPUT_FILE_BYTES} bytes: not a descriptor`);
    }
    const bytes = new Uint8Array(await readFile(sysfs ?? target));
    const report = inspectDescriptor(bytes, sysfs === undefined ? 'file' : 'sysfs');
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`inspect-cli: ${sysfs ?? target}: ${message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
