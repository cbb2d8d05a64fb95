import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOCALE, LocaleSchema } from '../../src-shared/domain/locale';
import { ShortcutBindingsSchema } from '../../src-shared/domain/shortcuts';

const PreferencesSchema = z.object({
  locale: LocaleSchema.default(DEFAULT_LOCALE),
  /** Remapped shortcut keys by action; actions absent keep their default key. */
  shortcuts: ShortcutBindingsSchema.default({}),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

const MAX_FILE_BYTES = 64 * 1024;

/**
 * Desktop preferences in one JSON file in the core's data folder. A file that cannot be read
 * is moved aside (kept for support, never deleted) and the defaults are used.
 */
export class PreferencesStore {
  readonly #file: string;
  readonly #onCorrupt: (message: string) => void;
  #current: Preferences | null = null;

  constructor(dataDir: string, onCorrupt: (message: string) => void) {
    this.#file = path.join(dataDir, 'preferences.json');
    this.#onCorrupt = onCorrupt;
  }

  async get(): Promise<Preferences> {
    this.#current ??= await this.#load();
    return this.#current;
  }

  async update(change: Partial<Preferences>): Promise<Preferences> {
    const next = PreferencesSchema.parse({ ...(await this.get()), ...change });
    await mkdir(path.dirname(this.#file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half-written file.
    const temporary = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(next, null, 2));
    await rename(temporary, this.#file);
    this.#current = next;
    return next;
  }

  async #load(): Promise<Preferences> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return PreferencesSchema.parse({});
      throw error;
    }
    const parsed =
      text.length <= MAX_FILE_BYTES ? PreferencesSchema.safeParse(safeJson(text)) : null;
    if (parsed?.success) return parsed.data;
    const aside = `${this.#file}.corrupt-${Date.now()}`;
    await rename(this.#file, aside);
    this.#onCorrupt(`preferences file was unreadable; moved to ${aside} and defaults used`);
    return PreferencesSchema.parse({});
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
