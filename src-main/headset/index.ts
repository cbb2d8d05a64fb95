/** The headset module's public surface for the rest of main (the call-model adapter). */
export { createHeadsetManager, type CreateHeadsetManagerOptions } from './create-headset-manager';
export { HeadsetManager, chooseInterface } from './headset-manager';
export type { HeadsetCandidate } from './discovery';
export type { PreferenceStore, PreferredDevice } from './preferred-device';
export type { CallIndication, HeadsetEvent } from './telephony-driver';
export type { TelephonyLayout, TelephonyInterface } from './telephony-layout';
