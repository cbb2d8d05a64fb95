import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ShortcutBindings } from '../../src-shared/domain/shortcuts';
import { useCore } from '../app/core-context';
import { ALL_SHORTCUTS } from './desk-shortcuts';

export type ShortcutResolver = {
  /** The key bound to an action ('' when none: its default was taken by another action). */
  keyOf: (action: string) => string;
  actionOf: (key: string) => string | undefined;
  /** Binds `key` to `action`; resolves with the action already on that key, if any (refused). */
  remap: (action: string, key: string) => Promise<{ conflict: string } | null>;
  reset: () => Promise<void>;
};

/**
 * Defaults from the shortcut lists, overlaid with the agent's own keys from the core's
 * preferences. The core stores the whole map (every action and its key) so that it can refuse
 * two actions on one key; an action added since (not in the stored map) keeps its default key
 * unless that key is taken.
 */
export function resolveBindings(stored: ShortcutBindings): Map<string, string> {
  const bindings = new Map<string, string>();
  const taken = new Set<string>();
  for (const { action } of ALL_SHORTCUTS) {
    const key = stored[action];
    if (key && !taken.has(key)) {
      bindings.set(action, key);
      taken.add(key);
    }
  }
  for (const { action, key } of ALL_SHORTCUTS) {
    if (bindings.has(action)) continue;
    bindings.set(action, taken.has(key) ? '' : key);
    taken.add(key);
  }
  return bindings;
}

export function useShortcutBindings(onError: (error: unknown) => void): ShortcutResolver {
  const client = useCore();
  const [stored, setStored] = useState<ShortcutBindings>({});
  useEffect(() => {
    let current = true;
    client
      .call('preferences.getShortcuts', {})
      .then(({ bindings }) => current && setStored(bindings))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [client, onError]);
  const bindings = useMemo(() => resolveBindings(stored), [stored]);
  const save = useCallback(
    async (next: ShortcutBindings) => {
      const saved = await client.call('preferences.setShortcuts', { bindings: next });
      setStored(saved.bindings);
    },
    [client],
  );
  return useMemo<ShortcutResolver>(() => {
    const byKey = new Map([...bindings].filter(([, key]) => key).map(([a, k]) => [k, a]));
    return {
      keyOf: (action) => bindings.get(action) ?? '',
      actionOf: (key) => byKey.get(key),
      remap: async (action, key) => {
        const other = byKey.get(key);
        if (other && other !== action) return { conflict: other };
        const next: ShortcutBindings = {};
        for (const [name, bound] of bindings) if (bound) next[name] = bound;
        next[action] = key;
        await save(next);
        return null;
      },
      reset: () => save({}),
    };
  }, [bindings, save]);
}

const defaults = resolveBindings({});
export const ShortcutContext = createContext<Pick<ShortcutResolver, 'keyOf'>>({
  keyOf: (action) => defaults.get(action) ?? '',
});

/** ' (F2)' after a button's label: the key that does the same, as currently bound. */
export function useShortcutHint(action: string): string {
  const key = useContext(ShortcutContext).keyOf(action);
  return key ? ` (${key})` : '';
}
