import { useEffect } from 'react';
import type { AgentSnapshot } from '../../src-shared/domain/agent';
import { shortcutKeyOf } from '../../src-shared/domain/shortcuts';
import type { AgentState } from './use-agent';

/** Desk and navigation actions (desk-shortcuts.ts), run by the console. */
export type DeskHandlers = Readonly<Record<string, () => void>>;

/** Call-center function keys: they never collide with typing in a notes field. */
export const CALL_SHORTCUTS = [
  { key: 'F1', action: 'help' },
  { key: 'F2', action: 'answer' },
  { key: 'F3', action: 'hangUp' },
  { key: 'F4', action: 'holdToggle' },
  { key: 'F6', action: 'muteToggle' },
  { key: 'F7', action: 'ready' },
  { key: 'F8', action: 'notReady' },
  { key: 'F9', action: 'referenceLookup' },
] as const;
export type ShortcutAction = (typeof CALL_SHORTCUTS)[number]['action'];

export function useCallShortcuts(
  snapshot: AgentSnapshot | null,
  run: AgentState['run'],
  openHelp: () => void,
  /** The agent's current keys (shortcut-bindings.ts). */
  bindings: { actionOf: (key: string) => string | undefined },
  desk: DeskHandlers = {},
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const pressed = shortcutKeyOf(event);
      const action = pressed ? bindings.actionOf(pressed) : undefined;
      if (!action) return;
      const deskAction = Object.hasOwn(desk, action) ? desk[action] : undefined;
      if (deskAction) {
        event.preventDefault();
        deskAction();
        return;
      }
      const shortcut = CALL_SHORTCUTS.find((entry) => entry.action === action);
      if (!shortcut) return;
      event.preventDefault();
      const call = snapshot?.calls.find((entry) => entry.role === 'primary');
      switch (shortcut.action) {
        case 'help':
          openHelp();
          return;
        case 'answer':
          void run('call.answer', {});
          return;
        case 'hangUp':
          void run('call.hangUp', {});
          return;
        case 'holdToggle':
          void run(call?.phase === 'held' ? 'call.retrieve' : 'call.hold', {});
          return;
        case 'muteToggle':
          void run('call.setMuted', { muted: !(call?.muted ?? false) });
          return;
        case 'ready':
          void run('agent.setReady', {});
          return;
        case 'notReady':
          void run('agent.setNotReady', { reasonCode: 'break' });
          return;
        case 'referenceLookup':
          // The lookup (src-renderer/reference) listens for its own key.
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [snapshot, run, openHelp, bindings, desk]);
}
