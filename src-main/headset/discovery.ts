import { parseReportDescriptor } from './descriptor-parser';
import type { LoadedDescriptor } from './descriptor-source';
import { usage } from './hid-usages';
import { deriveTelephonyLayout, type TelephonyLayout } from './telephony-layout';
import type { HidDeviceInfo } from './transport';

export interface HeadsetCandidate {
  path: string;
  vendorId: number;
  productId: number;
  product?: string | undefined;
  serialNumber?: string | undefined;
  layout: TelephonyLayout;
  descriptorOrigin: LoadedDescriptor['origin'];
}

export interface DiscoveryResult {
  headsets: HeadsetCandidate[];
  /** Devices whose descriptor was unreadable or malformed: logged, never fatal. */
  problems: { path: string; message: string }[];
}

export type LoadDescriptor = (device: HidDeviceInfo) => Promise<LoadedDescriptor | undefined>;

/**
 * Finds telephony headsets among enumerated HID entries. hidapi lists one entry per top-level
 * collection; on Linux and macOS they share the device's path, so entries are grouped by path
 * and the descriptor read once. On Windows each collection has its own path, and only the
 * interface of that collection can be driven through it.
 */
export async function discoverHeadsets(
  entries: readonly HidDeviceInfo[],
  load: LoadDescriptor,
  platform: NodeJS.Platform = process.platform,
): Promise<DiscoveryResult> {
  const byPath = new Map<string, HidDeviceInfo[]>();
  for (const entry of entries) {
    if (entry.path === undefined) continue;
    byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry]);
  }
  const result: DiscoveryResult = { headsets: [], problems: [] };
  for (const [path, group] of byPath) {
    const first = group[0] as HidDeviceInfo;
    try {
      const descriptor = await load(first);
      if (descriptor === undefined) continue;
      const layout = deriveTelephonyLayout(parseReportDescriptor(descriptor.bytes));
      const usable = layout && (platform === 'win32' ? onlyCollection(layout, first) : layout);
      if (usable === undefined || usable.interfaces.length === 0) continue;
      result.headsets.push({
        path,
        vendorId: first.vendorId,
        productId: first.productId,
        product: first.product,
        serialNumber: first.serialNumber,
        layout: usable,
        descriptorOrigin: descriptor.origin,
      });
    } catch (error) {
      result.problems.push({ path, message: error instanceof Error ? error.message : `${error}` });
    }
  }
  return result;
}

function onlyCollection(layout: TelephonyLayout, entry: HidDeviceInfo): TelephonyLayout {
  if (entry.usagePage === undefined || entry.usage === undefined) return layout;
  const own = usage(entry.usagePage, entry.usage);
  return { ...layout, interfaces: layout.interfaces.filter((i) => i.collectionUsage === own) };
}
