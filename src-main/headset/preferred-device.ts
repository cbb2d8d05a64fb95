/** The device the agent picked, as kept across runs. Paths change on replug; ids do not. */
export interface PreferredDevice {
  vendorId: number;
  productId: number;
  serialNumber?: string | undefined;
}

/** Where the preference lives (settings file, replica...): injected so this stays pure. */
export interface PreferenceStore {
  load(): PreferredDevice | undefined;
  save(preferred: PreferredDevice | undefined): void;
}

export interface DeviceIdentity {
  path: string;
  vendorId: number;
  productId: number;
  serialNumber?: string | undefined;
}

/**
 * Picks the headset to drive. With several connected, the remembered one wins (same serial
 * when it has one, else same model); otherwise the first by path, so the choice is stable
 * across polls instead of jumping with enumeration order.
 */
export function chooseActive<T extends DeviceIdentity>(
  connected: readonly T[],
  preferred: PreferredDevice | undefined,
): T | undefined {
  const ordered = [...connected].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (preferred !== undefined) {
    const sameModel = ordered.filter(
      (d) => d.vendorId === preferred.vendorId && d.productId === preferred.productId,
    );
    const exact = sameModel.find(
      (d) => preferred.serialNumber !== undefined && d.serialNumber === preferred.serialNumber,
    );
    const match = exact ?? sameModel[0];
    if (match !== undefined) return match;
  }
  return ordered[0];
}

/** Remembers the agent's pick; an empty serial (common on dongles) is not an identity. */
export function rememberPreferred(store: PreferenceStore, device: DeviceIdentity): void {
  const serial = device.serialNumber?.trim();
  store.save({
    vendorId: device.vendorId,
    productId: device.productId,
    ...(serial ? { serialNumber: serial } : {}),
  });
}

export function forgetPreferred(store: PreferenceStore): void {
  store.save(undefined);
}
