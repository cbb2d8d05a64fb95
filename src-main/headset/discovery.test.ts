import { describe, expect, it } from 'vitest';
import { discoverHeadsets } from './discovery';
import type { HidDeviceInfo } from './transport';
import { loadFixture } from './test-support/fixtures';

const entry = (path: string, vid: number, pid: number, page = 0, usage = 0): HidDeviceInfo => ({
  path,
  vendorId: vid,
  productId: pid,
  usagePage: page,
  usage,
  interface: 3,
  product: `dev ${path}`,
});

describe('discovery', () => {
  it('keeps telephony headsets, drops plain headsets, reports malformed ones', async () => {
    const descriptors: Record<string, Uint8Array> = {
      '/dev/hidraw0': loadFixture('jabra-evolve-link-ms.hid').bytes,
      '/dev/hidraw1': loadFixture('logitech-h540.hid').bytes,
      '/dev/hidraw2': Uint8Array.from([0x05, 0x0b, 0xa1]),
      '/dev/hidraw3': loadFixture('poly-bt700.hid').bytes,
    };
    const loads: string[] = [];
    const result = await discoverHeadsets(
      [
        // hidapi lists each top-level collection; same path on Linux: read once.
        entry('/dev/hidraw0', 0x0b0e, 0x0307, 0x0b, 0x05),
        entry('/dev/hidraw0', 0x0b0e, 0x0307, 0xff00, 0x05),
        entry('/dev/hidraw0', 0x0b0e, 0x0307, 0x0c, 0x01),
        entry('/dev/hidraw1', 0x046d, 0x0a37),
        entry('/dev/hidraw2', 0x1234, 0x0001),
        entry('/dev/hidraw3', 0x047f, 0x02e6),
        { vendorId: 1, productId: 2, interface: 0 }, // no path: cannot be opened
      ],
      (d) => {
        loads.push(d.path ?? '');
        return Promise.resolve({ bytes: descriptors[d.path ?? ''] as Uint8Array, origin: 'sysfs' });
      },
      'linux',
    );
    expect(loads).toEqual(['/dev/hidraw0', '/dev/hidraw1', '/dev/hidraw2', '/dev/hidraw3']);
    expect(result.headsets.map((h) => [h.path, h.layout.interfaces.length])).toEqual([
      ['/dev/hidraw0', 2],
      ['/dev/hidraw3', 1],
    ]);
    expect(result.problems).toEqual([
      { path: '/dev/hidraw2', message: 'item data runs past the end (at byte 2)' },
    ]);
  });

  it('on Windows keeps only the interface of the collection the path belongs to', async () => {
    const bytes = loadFixture('jabra-evolve-link-ms.hid').bytes;
    const result = await discoverHeadsets(
      [
        entry('\\\\?\\hid#col01', 0x0b0e, 0x0307, 0x0b, 0x05),
        entry('\\\\?\\hid#col02', 0x0b0e, 0x0307, 0xff00, 0x05),
        entry('\\\\?\\hid#col03', 0x0b0e, 0x0307, 0x0c, 0x01),
      ],
      () => Promise.resolve({ bytes, origin: 'table' }),
      'win32',
    );
    expect(result.headsets.map((h) => [h.path, h.layout.interfaces.map((i) => i.source)])).toEqual([
      ['\\\\?\\hid#col01', ['standard']],
      ['\\\\?\\hid#col02', ['vendor-mirror']],
    ]);
  });
});
