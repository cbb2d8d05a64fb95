import { reportKey, type HidField, type ParsedDescriptor } from './descriptor-parser';
import { usageAt, usageCount, variableUsageAt, type UsageRange } from './descriptor-usages';
import {
  KEYPAD_DIGITS,
  KEYPAD_FIRST_ID,
  KEYPAD_LAST_ID,
  LED_OUTPUTS,
  PAGE_LED,
  PAGE_TELEPHONY,
  PAGE_VENDOR_LED,
  PAGE_VENDOR_TELEPHONY,
  TELEPHONY_INPUTS,
  TELEPHONY_RINGER_ID,
  VENDOR_REJECT_ID,
  usagePage,
  usageId,
  type InputControlName,
  type OutputControlName,
} from './hid-usages';

/** Where a control sits: bit positions count from the first payload byte after the report id. */
export interface ControlPosition {
  reportId: number;
  bitOffset: number;
  bitSize: number;
  logicalMin: number;
  logicalMax: number;
}

export interface InputControl extends ControlPosition {
  name: InputControlName;
  usage: number;
  /** Absolute = the bit is a state; relative = a pulse per press. From the descriptor. */
  absolute: boolean;
  constant: boolean;
}

export interface OutputControl extends ControlPosition {
  name: OutputControlName;
  usage: number;
  absolute: boolean;
}

export interface KeypadControl extends ControlPosition {
  constant: boolean;
  nullState: boolean;
  /** Digit for each array value that names a phone key. */
  digits: { value: number; digit: string }[];
}

export type InterfaceSource = 'standard' | 'vendor-mirror';

export interface TelephonyInterface {
  source: InterfaceSource;
  collectionUsage: number;
  inputs: InputControl[];
  keypad?: KeypadControl;
  outputs: OutputControl[];
  /** Every output report the outputs live in, with its whole payload length for full writes. */
  outputReports: { reportId: number; byteLength: number }[];
  inputReports: { reportId: number; byteLength: number }[];
}

export interface TelephonyLayout {
  usesReportIds: boolean;
  /** Standard interface first, then vendor mirrors, in descriptor order. */
  interfaces: TelephonyInterface[];
}

interface PagePair {
  source: InterfaceSource;
  telephony: number;
  led: number;
}
const STANDARD: PagePair = { source: 'standard', telephony: PAGE_TELEPHONY, led: PAGE_LED };
const MIRROR: PagePair = {
  source: 'vendor-mirror',
  telephony: PAGE_VENDOR_TELEPHONY,
  led: PAGE_VENDOR_LED,
};

/**
 * The telephony controls of a parsed descriptor, or undefined when no top-level collection has a
 * Hook Switch (plain audio headsets such as the Logitech H540 and G535).
 */
export function deriveTelephonyLayout(parsed: ParsedDescriptor): TelephonyLayout | undefined {
  const interfaces: TelephonyInterface[] = [];
  for (const pair of [STANDARD, MIRROR]) {
    for (const collection of parsed.collections) {
      if (collection.depth !== 0) continue;
      // The standard interface must be a Telephony collection; mirrors live under vendor pages.
      if (pair === STANDARD && usagePage(collection.usage) !== PAGE_TELEPHONY) continue;
      const fields = parsed.fields.filter((f) => f.topLevel === collection.index);
      const found = extractInterface(fields, pair, collection.usage, parsed);
      if (found !== undefined) interfaces.push(found);
    }
  }
  if (interfaces.length === 0) return undefined;
  return { usesReportIds: parsed.usesReportIds, interfaces };
}

function extractInterface(
  fields: HidField[],
  pair: PagePair,
  collectionUsage: number,
  parsed: ParsedDescriptor,
): TelephonyInterface | undefined {
  const inputs: InputControl[] = [];
  const outputs: OutputControl[] = [];
  let keypad: KeypadControl | undefined;
  for (const field of fields) {
    if (field.kind === 'input' && !field.variable) {
      keypad ??= keypadOf(field, pair.telephony);
      continue;
    }
    if (!field.variable || field.kind === 'feature') continue;
    for (let i = 0; i < field.reportCount; i++) {
      const u = variableUsageAt(field.usages, i);
      if (u === undefined) break;
      const position: ControlPosition = {
        reportId: field.reportId,
        bitOffset: field.bitOffset + i * field.reportSize,
        bitSize: field.reportSize,
        logicalMin: field.logicalMin,
        logicalMax: field.logicalMax,
      };
      if (field.kind === 'input') {
        const name = inputName(u, pair);
        // First declaration wins: repeated usages (last usage filling a count) are duplicates.
        if (name === undefined || inputs.some((c) => c.name === name)) continue;
        inputs.push({
          name,
          usage: u,
          ...position,
          absolute: !field.relative,
          constant: field.constant,
        });
      } else {
        const name = outputName(u, pair);
        if (name === undefined || outputs.some((c) => c.name === name)) continue;
        outputs.push({ name, usage: u, ...position, absolute: !field.relative });
      }
    }
  }
  if (!inputs.some((c) => c.name === 'hook-switch')) return undefined;
  const sizes = (kind: 'input' | 'output', ids: number[]) =>
    [...new Set(ids)].map((reportId) => ({
      reportId,
      byteLength: Math.ceil((parsed.reportBits.get(reportKey(kind, reportId)) ?? 0) / 8),
    }));
  const inputIds = inputs.map((c) => c.reportId);
  if (keypad !== undefined) inputIds.push(keypad.reportId);
  return {
    source: pair.source,
    collectionUsage,
    inputs,
    ...(keypad === undefined ? {} : { keypad }),
    outputs,
    outputReports: sizes(
      'output',
      outputs.map((c) => c.reportId),
    ),
    inputReports: sizes('input', inputIds),
  };
}

function inputName(u: number, pair: PagePair): InputControlName | undefined {
  if (usagePage(u) !== pair.telephony) return undefined;
  if (pair.source === 'vendor-mirror' && usageId(u) === VENDOR_REJECT_ID) return 'reject';
  return TELEPHONY_INPUTS.get(usageId(u));
}

function outputName(u: number, pair: PagePair): OutputControlName | undefined {
  if (usagePage(u) === pair.led) return LED_OUTPUTS.get(usageId(u));
  if (usagePage(u) === pair.telephony && usageId(u) === TELEPHONY_RINGER_ID) return 'ringer';
  return undefined;
}

/** An array input whose usages include phone keys: value v selects usage v - logicalMin. */
function keypadOf(field: HidField, telephonyPage: number): KeypadControl | undefined {
  const digits = digitsOf(field.usages, field.logicalMin, field.logicalMax, telephonyPage);
  if (digits.length === 0 || field.reportCount !== 1) return undefined;
  return {
    reportId: field.reportId,
    bitOffset: field.bitOffset,
    bitSize: field.reportSize,
    logicalMin: field.logicalMin,
    logicalMax: field.logicalMax,
    constant: field.constant,
    nullState: field.nullState,
    digits,
  };
}

function digitsOf(usages: readonly UsageRange[], min: number, max: number, page: number) {
  const digits: { value: number; digit: string }[] = [];
  // Bounded by the usages, not the logical range, which a 32-bit field can make huge.
  const last = Math.min(max, min + usageCount(usages) - 1);
  for (let value = min; value <= last; value++) {
    const u = usageAt(usages, value - min);
    if (u === undefined || usagePage(u) !== page) continue;
    const id = usageId(u);
    if (id < KEYPAD_FIRST_ID || id > KEYPAD_LAST_ID) continue;
    digits.push({ value, digit: KEYPAD_DIGITS[id - KEYPAD_FIRST_ID] as string });
  }
  return digits;
}
