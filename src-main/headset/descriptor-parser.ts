import { tokenizeDescriptor, signedData, unsignedData } from './descriptor-items';
import type { DescriptorItem } from './descriptor-items';
import { DescriptorError, MAX_REPORT_BYTES } from './hid-errors';
import { collectUsages, type LocalUsage, type UsageRange } from './descriptor-usages';

export type { UsageRange } from './descriptor-usages';
export type ReportKind = 'input' | 'output' | 'feature';

export interface HidCollection {
  index: number;
  /** 0 physical, 1 application, 2 logical, ... (HID 1.11 §6.2.2.6). */
  type: number;
  /** Extended usage (page << 16 | id), 0 when the collection has none. */
  usage: number;
  parent: number;
  depth: number;
}

/** One Input/Output/Feature main item with the global and local state it was declared under. */
export interface HidField {
  kind: ReportKind;
  /** 0 when the descriptor declares no report ids. */
  reportId: number;
  /** Bit position of the first element in the report payload (the bytes after the report id). */
  bitOffset: number;
  reportSize: number;
  reportCount: number;
  /** Raw main-item data bits. */
  flags: number;
  constant: boolean;
  variable: boolean;
  relative: boolean;
  nullState: boolean;
  logicalMin: number;
  logicalMax: number;
  /**
   * Usages in declaration order, ranges kept as ranges. Const items keep theirs: the Jabra Link
   * 380c flags Hook Switch as Constant yet reports it.
   */
  usages: readonly UsageRange[];
  /** Innermost enclosing collection, -1 when outside any. */
  collection: number;
  /** Enclosing top-level collection, -1 when outside any. */
  topLevel: number;
}

export interface ParsedDescriptor {
  collections: HidCollection[];
  fields: HidField[];
  usesReportIds: boolean;
  /** Payload size in bits per `${kind}:${reportId}`. */
  reportBits: ReadonlyMap<string, number>;
}

interface GlobalState {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

const MAIN_KIND: Readonly<Record<number, ReportKind>> = { 8: 'input', 9: 'output', 11: 'feature' };
const MAX_PUSH_DEPTH = 16;
const MAX_COLLECTION_DEPTH = 32;
/** Linux hid-core rejects larger; nothing in a headset comes near it. */
const MAX_REPORT_SIZE_BITS = 256;

export function reportKey(kind: ReportKind, reportId: number): string {
  return `${kind}:${reportId}`;
}

/** Parses a report descriptor (HID 1.11 §6.2.2). Throws DescriptorError on malformed input. */
export function parseReportDescriptor(bytes: Uint8Array): ParsedDescriptor {
  const items = tokenizeDescriptor(bytes);
  let global: GlobalState = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  const globalStack: GlobalState[] = [];
  let locals: LocalUsage[] = [];
  let pendingMin: { value: number; extended: boolean; page: number } | undefined;
  const collections: HidCollection[] = [];
  const open: number[] = [];
  const fields: HidField[] = [];
  const reportBits = new Map<string, number>();
  let usesReportIds = false;

  const resetLocals = (): void => {
    locals = [];
    pendingMin = undefined;
  };

  const handleGlobal = (item: DescriptorItem): void => {
    const value = unsignedData(item.data);
    switch (item.tag) {
      case 0: // Usage Page
        global.usagePage = value & 0xffff;
        break;
      case 1: // Logical Minimum
        global.logicalMin = signedData(item.data);
        break;
      case 2: // Logical Maximum: signed only when the minimum is negative, as Linux does,
        // because devices write 0..255 as `25 ff` meaning 255.
        global.logicalMax = global.logicalMin < 0 ? signedData(item.data) : value;
        break;
      case 3: // Physical Minimum
      case 4: // Physical Maximum
      case 5: // Unit Exponent
      case 6: // Unit
        break;
      case 7:
        if (value > MAX_REPORT_SIZE_BITS) {
          throw new DescriptorError(`report size ${value} bits is too large`, item.offset);
        }
        global.reportSize = value;
        break;
      case 8:
        if (value === 0 || value > 255) {
          throw new DescriptorError(`invalid report id ${value}`, item.offset);
        }
        global.reportId = value;
        usesReportIds = true;
        break;
      case 9:
        if (value > MAX_REPORT_BYTES * 8) {
          throw new DescriptorError(`report count ${value} is too large`, item.offset);
        }
        global.reportCount = value;
        break;
      case 10:
        if (globalStack.length >= MAX_PUSH_DEPTH) {
          throw new DescriptorError('push nested too deeply', item.offset);
        }
        globalStack.push({ ...global });
        break;
      case 11: {
        const popped = globalStack.pop();
        if (popped === undefined) throw new DescriptorError('pop without push', item.offset);
        global = popped;
        break;
      }
      default:
        throw new DescriptorError(`unknown global item tag ${item.tag}`, item.offset);
    }
  };

  const handleLocal = (item: DescriptorItem): void => {
    const value = unsignedData(item.data);
    // A 4-byte usage carries its own page (extended usage, HID 1.11 §6.2.2.8).
    const extended = item.data.length === 4;
    switch (item.tag) {
      case 0: {
        const id = value & 0xffff;
        const page = extended ? Math.floor(value / 0x10000) : global.usagePage;
        locals.push({ min: id, max: id, extended, page });
        break;
      }
      case 1:
        pendingMin = { value, extended, page: global.usagePage };
        break;
      case 2: {
        if (pendingMin === undefined) {
          throw new DescriptorError('usage maximum without usage minimum', item.offset);
        }
        const min = pendingMin.extended ? pendingMin.value : pendingMin.value & 0xffff;
        const max = extended ? value : value & 0xffff;
        const minPage = pendingMin.extended ? Math.floor(min / 0x10000) : -1;
        const maxPage = extended ? Math.floor(max / 0x10000) : -1;
        if (minPage !== -1 && maxPage !== -1 && minPage !== maxPage) {
          throw new DescriptorError('usage range spans two usage pages', item.offset);
        }
        const lo = min & 0xffff;
        const hi = max & 0xffff;
        if (lo > hi) throw new DescriptorError('usage minimum above usage maximum', item.offset);
        const page = minPage !== -1 ? minPage : maxPage !== -1 ? maxPage : pendingMin.page;
        locals.push({ min: lo, max: hi, extended: minPage !== -1 || maxPage !== -1, page });
        pendingMin = undefined;
        break;
      }
      default: // designators, strings, delimiters: nothing we use
        break;
    }
  };

  const handleMain = (item: DescriptorItem): void => {
    const usages = collectUsages(locals, global.usagePage);
    const data = unsignedData(item.data);
    if (item.tag === 10) {
      if (open.length >= MAX_COLLECTION_DEPTH) {
        throw new DescriptorError('collections nested too deeply', item.offset);
      }
      const first = usages[0];
      collections.push({
        index: collections.length,
        type: data & 0xff,
        usage: first === undefined ? 0 : first.min,
        parent: open.at(-1) ?? -1,
        depth: open.length,
      });
      open.push(collections.length - 1);
    } else if (item.tag === 12) {
      if (open.pop() === undefined) {
        throw new DescriptorError('end collection without collection', item.offset);
      }
    } else {
      const kind = MAIN_KIND[item.tag];
      // Unknown main tags are reserved; Linux skips them, so do we.
      if (kind !== undefined) addField(kind, data, usages, item.offset);
    }
    resetLocals();
  };

  const addField = (kind: ReportKind, flags: number, usages: UsageRange[], offset: number) => {
    const key = reportKey(kind, global.reportId);
    const bitOffset = reportBits.get(key) ?? 0;
    const bits = global.reportSize * global.reportCount;
    if (bitOffset + bits > MAX_REPORT_BYTES * 8) {
      throw new DescriptorError(`${kind} report ${global.reportId} grows past the limit`, offset);
    }
    reportBits.set(key, bitOffset + bits);
    if (bits === 0) return;
    const innermost = open.at(-1) ?? -1;
    fields.push({
      kind,
      reportId: global.reportId,
      bitOffset,
      reportSize: global.reportSize,
      reportCount: global.reportCount,
      flags,
      constant: (flags & 0x01) !== 0,
      variable: (flags & 0x02) !== 0,
      relative: (flags & 0x04) !== 0,
      nullState: (flags & 0x40) !== 0,
      logicalMin: global.logicalMin,
      logicalMax: global.logicalMax,
      usages,
      collection: innermost,
      topLevel: open[0] ?? -1,
    });
  };

  for (const item of items) {
    if (item.type === 'global') handleGlobal(item);
    else if (item.type === 'local') handleLocal(item);
    else if (item.type === 'main') handleMain(item);
    // long items: no standard meaning, skipped
  }
  if (open.length > 0) {
    throw new DescriptorError(`${open.length} collection(s) not closed (truncated descriptor?)`);
  }
  return { collections, fields, usesReportIds, reportBits };
}
