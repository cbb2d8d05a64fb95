import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir, loadFixture, repoRoot } from './test-support/fixtures';

const cli = path.join(repoRoot, 'src-main', 'headset', 'inspect-cli.ts');
const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'headset-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [tsx, cli, ...args], { encoding: 'utf8', timeout: 25_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('inspect-cli', () => {
  it('prints the layout of a hid-recorder file as JSON', () => {
    const r = run(path.join(fixtureDir, 'poly-bt700.hid'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.format).toBe('hid-recorder');
    expect(json.vendorId).toBe('0x047f');
    // Poly BT700: Hook Switch is rid 0x20, bit 0 (see telephony-layout.test.ts).
    expect(json.telephony.interfaces[0].inputs[0]).toEqual({
      name: 'hook-switch',
      usage: '0x000b0020',
      reportId: 32,
      bitOffset: 0,
      bitSize: 1,
      logicalMin: 0,
      logicalMax: 1,
      absolute: true,
      constant: false,
    });
  }, 30_000);

  it('reads a raw binary descriptor too, and says telephony null for a plain headset', () => {
    const raw = path.join(scratch, 'evolve.bin');
    writeFileSync(raw, loadFixture('jabra-evolve-link-ms.hid').bytes);
    const r = run(raw);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.format).toBe('raw');
    expect(json.descriptorBytes).toBe(332);
    expect(json.telephony.interfaces.map((i: { source: string }) => i.source)).toEqual([
      'standard',
      'vendor-mirror',
    ]);
    const plain = run(path.join(fixtureDir, 'logitech-g535.hid'));
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out).telephony).toBeNull();
  }, 30_000);

  it('fails with a clear message and exit 1 on a bad descriptor or missing node', () => {
    const cut = path.join(scratch, 'cut.bin');
    writeFileSync(cut, loadFixture('jabra-evolve-link-ms.hid').bytes.subarray(0, 100));
    const r = run(cut);
    expect(r.code).toBe(1);
    // Byte 99 of the Evolve descriptor is 15 (Logical Minimum, 1 data byte) whose data byte
    // is byte 100: cut off.
    expect(r.err).toMatch(/inspect-cli: .*cut\.bin: item data runs past the end \(at byte 99\)/);
    const node = run('/dev/hidraw999');
    expect(node.code).toBe(1);
    expect(node.err).toContain('/sys/class/hidraw/hidraw999/device/report_descriptor');
  }, 30_000);

  it('prints usage and exits 2 without an argument', () => {
    const r = run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: inspect-cli/);
  }, 30_000);
});
