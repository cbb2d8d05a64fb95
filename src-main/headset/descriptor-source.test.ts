import { describe, expect, it } from 'vitest';
import { loadDescriptor, sysfsDescriptorPath } from './descriptor-source';
import { loadFixture } from './test-support/fixtures';

const refuse = () => Promise.reject(new Error('ENOENT'));

describe('descriptor source', () => {
  it('maps a hidraw node to its sysfs descriptor', () => {
    expect(sysfsDescriptorPath('/dev/hidraw3')).toBe(
      '/sys/class/hidraw/hidraw3/device/report_descriptor',
    );
    expect(sysfsDescriptorPath('IOService:/AppleACPI/XHC1@14')).toBeUndefined();
    expect(sysfsDescriptorPath('/dev/hidraw3/../sda')).toBeUndefined();
  });

  it('reads sysfs first', async () => {
    const read: string[] = [];
    const bytes = Uint8Array.from([0xc0]);
    const got = await loadDescriptor(
      { path: '/dev/hidraw0', vendorId: 0x0b0e, productId: 0x0307 },
      { readFile: (p) => (read.push(p), Promise.resolve(bytes)) },
    );
    expect(got).toEqual({ bytes, origin: 'sysfs' });
    expect(read).toEqual(['/sys/class/hidraw/hidraw0/device/report_descriptor']);
  });

  it('uses node-hid when it offers the descriptor', async () => {
    const bytes = Uint8Array.from([0x05, 0x0b]);
    const got = await loadDescriptor(
      { path: 'DevSrvsID:4294', vendorId: 1, productId: 2 },
      { readFile: refuse, getReportDescriptor: () => Promise.resolve(bytes) },
    );
    expect(got).toEqual({ bytes, origin: 'node-hid' });
  });

  it('falls back to the table by VID:PID, which holds the devices’ real bytes', async () => {
    for (const name of [
      'jabra-link380c.hid',
      'jabra-evolve-link-ms.hid',
      'jabra-biz2400-ii.hid',
      'jabra-speak810.hid',
      'yealink-wh66.hid',
      'plantronics-blackwire3220.hid',
      'plantronics-blackwire-c5220.hid',
      'poly-bt700.hid',
      'epos-impact-dw.hid',
    ]) {
      const fixture = loadFixture(name);
      const got = await loadDescriptor(
        {
          path: '/dev/hidraw9',
          vendorId: fixture.vendorId ?? 0,
          productId: fixture.productId ?? 0,
        },
        { readFile: refuse, getReportDescriptor: refuse },
      );
      expect(got?.origin, name).toBe('table');
      expect(got?.bytes, name).toEqual(fixture.bytes);
    }
  });

  it('gives up on an unknown device without a descriptor', async () => {
    const got = await loadDescriptor(
      { path: 'x', vendorId: 0x046d, productId: 0x0a37 },
      { readFile: refuse },
    );
    expect(got).toBeUndefined();
  });
});
