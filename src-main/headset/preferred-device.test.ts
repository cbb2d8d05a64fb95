import { describe, expect, it } from 'vitest';
import {
  chooseActive,
  forgetPreferred,
  rememberPreferred,
  type PreferenceStore,
  type PreferredDevice,
} from './preferred-device';

const jabraA = { path: '/dev/hidraw4', vendorId: 0x0b0e, productId: 0x0307, serialNumber: 'A' };
const jabraB = { path: '/dev/hidraw2', vendorId: 0x0b0e, productId: 0x0307, serialNumber: 'B' };
const poly = { path: '/dev/hidraw1', vendorId: 0x047f, productId: 0x02e6, serialNumber: '' };

function memoryStore(initial?: PreferredDevice): PreferenceStore & { value?: PreferredDevice } {
  const store = {
    value: initial,
    load: () => store.value,
    save: (p: PreferredDevice | undefined) => {
      store.value = p;
    },
  };
  return store;
}

describe('preferred device', () => {
  it('without a preference takes the first by path, whatever the enumeration order', () => {
    expect(chooseActive([jabraA, jabraB, poly], undefined)).toBe(poly);
    expect(chooseActive([poly, jabraB, jabraA], undefined)).toBe(poly);
    expect(chooseActive([], undefined)).toBeUndefined();
  });

  it('prefers the same serial, then the same model, then falls back', () => {
    const pref = { vendorId: 0x0b0e, productId: 0x0307, serialNumber: 'A' };
    expect(chooseActive([jabraB, poly, jabraA], pref)).toBe(jabraA);
    expect(chooseActive([jabraB, poly], pref)).toBe(jabraB);
    expect(chooseActive([poly], pref)).toBe(poly);
  });

  it('remembers a pick, ignoring blank serials, and forgets', () => {
    const store = memoryStore();
    rememberPreferred(store, poly);
    expect(store.value).toEqual({ vendorId: 0x047f, productId: 0x02e6 });
    rememberPreferred(store, jabraA);
    expect(store.value).toEqual({ vendorId: 0x0b0e, productId: 0x0307, serialNumber: 'A' });
    forgetPreferred(store);
    expect(store.value).toBeUndefined();
  });
});
