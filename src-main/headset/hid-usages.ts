/** Usage pages and usages we act on (HID Usage Tables 1.5, §§11-14). Extended form: page<<16|id. */
export const PAGE_LED = 0x08;
export const PAGE_BUTTON = 0x09;
export const PAGE_TELEPHONY = 0x0b;
/**
 * Jabra and Yealink repeat the telephony collection on these vendor pages in report 4, same ids.
 * Driving that copy keeps us out of the way of Teams, which owns the standard page.
 */
export const PAGE_VENDOR_TELEPHONY = 0xff30;
export const PAGE_VENDOR_LED = 0xff40;

export const usage = (page: number, id: number): number => page * 0x10000 + id;
export const usagePage = (extended: number): number => Math.floor(extended / 0x10000);
export const usageId = (extended: number): number => extended & 0xffff;

export type InputControlName =
  'hook-switch' | 'phone-mute' | 'flash' | 'redial' | 'drop' | 'line-busy' | 'reject';

export type OutputControlName = 'off-hook' | 'ring' | 'mute' | 'hold' | 'microphone' | 'ringer';

/** Input usage ids on the telephony page (or its vendor mirror). */
export const TELEPHONY_INPUTS: ReadonlyMap<number, InputControlName> = new Map([
  [0x20, 'hook-switch'],
  [0x2f, 'phone-mute'],
  [0x21, 'flash'],
  [0x24, 'redial'],
  [0x26, 'drop'],
  [0x97, 'line-busy'],
]);

/**
 * Reject button. Only on the vendor mirror page: 0xFFFD sits next to Mute/Flash/Redial as a
 * relative button in every Jabra and Yealink mirror in our fixtures.
 */
export const VENDOR_REJECT_ID = 0xfffd;

/** Output usage ids on the LED page (or its vendor mirror). */
export const LED_OUTPUTS: ReadonlyMap<number, OutputControlName> = new Map([
  [0x17, 'off-hook'],
  [0x18, 'ring'],
  [0x09, 'mute'],
  [0x20, 'hold'],
  [0x21, 'microphone'],
]);
/** Telephony page Ringer, an output next to the LEDs. */
export const TELEPHONY_RINGER_ID = 0x9e;

export const HOOK_SWITCH_ID = 0x20;
/** Phone Key 0..9, Star, Pound (0xB0..0xBB). */
export const KEYPAD_FIRST_ID = 0xb0;
export const KEYPAD_LAST_ID = 0xbb;
export const KEYPAD_DIGITS = '0123456789*#';
