import dgram from 'node:dgram';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePortBlock } from '../../../test/sip/harness/ports.js';
import { startTestEngine, type TestEngine } from '../../../test/sip/harness/engine.js';

let engine: TestEngine | undefined;

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const warnings = (e: TestEngine) =>
  e.logger.entries.filter((x) => x.level === 'warn').map((x) => x.msg);

describe('engine process lifecycle (real baresip)', () => {
  it('stops cleanly with quit when nothing is pending', async () => {
    engine = await startTestEngine('agent', { stopGraceMs: 5_000 });
    const pid = engine.link.enginePid!;
    await engine.link.stop();
    expect(alive(pid)).toBe(false);
    expect(warnings(engine)).not.toContain('engine ignored quit, sending SIGTERM');
    expect(engine.events.at(-1)).toMatchObject({ type: 'engine', state: 'stopped' });
  });

  it('escalates to SIGTERM then SIGKILL when baresip waits on a SIP transaction', async () => {
    // An INVITE to a dead UDP port keeps a client transaction open for 32 s; baresip's quit
    // (and its first SIGTERM) wait for it. stop() must not.
    engine = await startTestEngine('agent', { stopGraceMs: 300, stopTermMs: 300 });
    const pid = engine.link.enginePid!;
    const dead = await freePortBlock(1);
    const callId = await engine.link.makeCall(`sip:nobody@127.0.0.1:${dead}`);
    await engine.link.stop();
    expect(alive(pid)).toBe(false);
    expect(warnings(engine)).toEqual(
      expect.arrayContaining([
        'engine ignored quit, sending SIGTERM',
        'engine ignored SIGTERM, sending SIGKILL',
      ]),
    );
    // The call in progress is reported as ended by us, not forgotten.
    expect(engine.events).toContainEqual(
      expect.objectContaining({ type: 'cleared', callId, reason: 'local-hangup' }),
    );
  });

  it("fails start with the engine's own words when its SIP port is taken", async () => {
    const [sip, ctrl, rtp] = await Promise.all([
      freePortBlock(2),
      freePortBlock(1),
      freePortBlock(4),
    ]);
    const taken = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(sip, '127.0.0.1', resolve));
    try {
      await expect(
        startTestEngine('agent', { ports: { sip, ctrl, rtpMin: rtp, rtpMax: rtp + 3 } }),
      ).rejects.toMatchObject({
        code: 'engine-unavailable',
        message: expect.stringContaining('Address already in use'),
      });
    } finally {
      taken.close();
    }
  });

  it('restarts the engine after each crash', async () => {
    engine = await startTestEngine();
    for (let crash = 1; crash <= 2; crash++) {
      const pid = engine.link.enginePid!;
      const from = engine.events.length;
      process.kill(pid, 'SIGKILL');
      await vi.waitFor(
        () => {
          const since = engine!.events.slice(from);
          expect(since).toContainEqual(
            expect.objectContaining({ state: 'down', detail: expect.stringContaining('SIGKILL') }),
          );
          expect(since.at(-1)).toMatchObject({ type: 'engine', state: 'up' });
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(engine.link.enginePid).not.toBe(pid);
    }
  });
});
