import { describe, expect, it } from 'vitest';
import { shortcutKeyOf } from '../../src-shared/domain/shortcuts';
import { resolveBindings } from './shortcut-bindings';

describe('resolveBindings', () => {
  it('uses the defaults when nothing is remapped', () => {
    const bindings = resolveBindings({});
    expect(bindings.get('answer')).toBe('F2');
    expect(bindings.get('newWorkOrder')).toBe('Alt+W');
  });

  it('a remapped key wins; an action whose default it took is left unbound, not doubled', () => {
    // As after an update that added an action whose default key the agent already uses.
    const bindings = resolveBindings({ answer: 'Alt+W' });
    expect(bindings.get('answer')).toBe('Alt+W');
    expect(bindings.get('newWorkOrder')).toBe('');
    const keys = [...bindings.values()].filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores a stored action that no longer exists', () => {
    expect(resolveBindings({ gone: 'F12' }).has('gone')).toBe(false);
  });
});

describe('shortcutKeyOf', () => {
  const press = (
    key: string,
    code: string,
    mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {},
  ) =>
    shortcutKeyOf({
      key,
      code,
      ctrlKey: false,
      altKey: false,
      shiftKey: false,
      metaKey: false,
      ...mods,
    });

  it('names function keys and Alt/Ctrl letters by their physical key', () => {
    expect(press('F7', 'F7')).toBe('F7');
    expect(press('∑', 'KeyW', { altKey: true })).toBe('Alt+W');
    expect(press('1', 'Digit1', { ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+1');
  });

  it('refuses keys that would fire while typing', () => {
    expect(press('w', 'KeyW')).toBeNull();
    expect(press('Enter', 'Enter')).toBeNull();
    expect(press('w', 'KeyW', { metaKey: true })).toBeNull();
  });
});
