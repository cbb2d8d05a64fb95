import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PreferencesStore } from './preferences';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'sb-prefs-'));
}

describe('PreferencesStore', () => {
  it('defaults to zh-CN and persists a change across instances', async () => {
    const dir = await tempDir();
    const first = new PreferencesStore(dir, () => undefined);
    expect((await first.get()).locale).toBe('zh-CN');
    await first.update({ locale: 'en' });
    const second = new PreferencesStore(dir, () => undefined);
    expect((await second.get()).locale).toBe('en');
  });

  it.each([
    ['not JSON', '{"locale": '],
    ['a wrong value', '{"locale":"xx"}'],
    ['an oversized file', JSON.stringify({ locale: 'en', pad: 'x'.repeat(100_000) })],
  ])('moves %s aside and uses defaults', async (_label, content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'preferences.json'), content);
    const warnings: string[] = [];
    const store = new PreferencesStore(dir, (message) => warnings.push(message));
    expect((await store.get()).locale).toBe('zh-CN');
    expect(warnings).toHaveLength(1);
    const files = await readdir(dir);
    const aside = files.find((name) => name.startsWith('preferences.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(content);
  });
});

describe('PreferencesStore shortcuts', () => {
  it('persists remapped keys and refuses two actions on one key', async () => {
    const dir = await tempDir();
    const store = new PreferencesStore(dir, () => undefined);
    expect((await store.get()).shortcuts).toEqual({});
    await store.update({ shortcuts: { answer: 'F9', hangUp: 'Alt+H' } });
    expect((await new PreferencesStore(dir, () => undefined).get()).shortcuts).toEqual({
      answer: 'F9',
      hangUp: 'Alt+H',
    });
    await expect(store.update({ shortcuts: { answer: 'F9', hangUp: 'F9' } })).rejects.toThrow(
      /F9 is already the key for answer/,
    );
    await expect(store.update({ shortcuts: { answer: 'H' } })).rejects.toThrow(/Alt or Ctrl/);
  });
});
