import { describe, expect, it } from 'vitest';
import { EngineCommands } from './engine-commands.js';

describe('engine command runner', () => {
  it('treats a callfind that found nothing as no-such-call, and skips the command', async () => {
    const sent: string[] = [];
    const commands = new EngineCommands(async (command, params) => {
      sent.push(`${command} ${params}`.trim());
      // baresip 1.0 answers ok:true here: only the words say it failed.
      return { ok: true, data: `call not found (id=${params})\n` };
    });
    await expect(commands.onCall('abc', 'hold')).rejects.toMatchObject({ code: 'no-such-call' });
    expect(sent).toEqual(['callfind abc']);
  });

  it('maps "command not found" (no call) and other refusals to typed errors', async () => {
    const commands = new EngineCommands(async (command) =>
      command === 'hold'
        ? { ok: false, data: 'command not found (hold)\n' }
        : { ok: false, data: 'invalid uri\n' },
    );
    await expect(commands.run('hold')).rejects.toMatchObject({ code: 'no-such-call' });
    await expect(commands.run('dial', 'x')).rejects.toMatchObject({ code: 'command-failed' });
  });

  it('never interleaves two callfind+command pairs', async () => {
    const sent: string[] = [];
    const commands = new EngineCommands(async (command, params) => {
      sent.push(`${command} ${params}`.trim());
      await new Promise((resolve) => setImmediate(resolve));
      return { ok: true, data: command === 'callfind' ? 'setting current call: x' : '' };
    });
    await Promise.all([commands.onCall('a', 'hold'), commands.onCall('b', 'resume')]);
    expect(sent).toEqual(['callfind a', 'hold', 'callfind b', 'resume']);
  });
});
