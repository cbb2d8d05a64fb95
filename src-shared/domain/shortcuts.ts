import { z } from 'zod';

/**
 * A shortcut key as the renderer names it: a function key, or a letter/digit/Enter with Alt
 * or Ctrl (a bare letter would fire while the agent types notes).
 */
export const ShortcutKeySchema = z
  .string()
  .max(32)
  .regex(
    /^(?:(?:Ctrl|Alt|Shift)\+){0,3}F(?:[1-9]|1[0-2])$|^(?:Ctrl\+)?(?:Alt\+)?(?:Shift\+)?[A-Z0-9]$/,
    'a function key F1-F12, or Alt/Ctrl with a letter or digit',
  )
  .refine((key) => /^F|Ctrl\+|Alt\+/.test(key), 'a letter or digit needs Alt or Ctrl');
export const ShortcutActionSchema = z.string().regex(/^[a-zA-Z]{1,40}$/);

/**
 * The agent's own key for each action he remapped (actions not in the map keep their
 * default). Two actions on one key are refused: a key must do exactly one thing.
 */
export const ShortcutBindingsSchema = z
  .record(ShortcutActionSchema, ShortcutKeySchema)
  .refine((bindings) => Object.keys(bindings).length <= 64, 'too many shortcuts')
  .superRefine((bindings, context) => {
    const seen = new Map<string, string>();
    for (const [action, key] of Object.entries(bindings)) {
      const other = seen.get(key);
      if (other) {
        context.addIssue({
          code: 'custom',
          path: [action],
          message: `${key} is already the key for ${other}`,
        });
      }
      seen.set(key, action);
    }
  });
export type ShortcutBindings = z.infer<typeof ShortcutBindingsSchema>;

/** The name of a key press in ShortcutKeySchema's terms, or null for a key that cannot be one. */
export function shortcutKeyOf(event: {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}): string | null {
  if (event.metaKey) return null;
  let base: string | null = null;
  if (/^F(?:[1-9]|1[0-2])$/.test(event.key)) base = event.key;
  // With Alt the key's character varies by layout (Alt+W is '∑' on a Mac): use the key's code.
  else if (event.code && /^Key[A-Z]$/.test(event.code)) base = event.code.slice(3);
  else if (event.code && /^Digit[0-9]$/.test(event.code)) base = event.code.slice(5);
  else if (/^[a-zA-Z0-9]$/.test(event.key)) base = event.key.toUpperCase();
  if (!base) return null;
  const name = `${event.ctrlKey ? 'Ctrl+' : ''}${event.altKey ? 'Alt+' : ''}${event.shiftKey ? 'Shift+' : ''}${base}`;
  return ShortcutKeySchema.safeParse(name).success ? name : null;
}
