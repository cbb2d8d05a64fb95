import { CALL_SHORTCUTS } from './call-shortcuts';

/**
 * Navigation and desk actions, next to the call keys of CALL_SHORTCUTS: with Alt, so they
 * never fire while the agent types.
 */
export const DESK_SHORTCUTS = [
  { key: 'Alt+R', action: 'reject' },
  { key: 'Alt+W', action: 'newWorkOrder' },
  { key: 'Alt+N', action: 'newCustomer' },
  { key: 'Alt+S', action: 'focusSearch' },
  { key: 'Alt+C', action: 'showCustomers' },
  { key: 'Alt+O', action: 'showWorkOrders' },
  { key: 'Alt+D', action: 'focusWrapUp' },
] as const;
export type DeskAction = (typeof DESK_SHORTCUTS)[number]['action'];

/** Every shortcut the help sheet lists and the agent may remap, in the sheet's order. */
export const ALL_SHORTCUTS: readonly { key: string; action: string }[] = [
  ...CALL_SHORTCUTS,
  ...DESK_SHORTCUTS,
];
