import { chooseInterface } from '../headset-manager';
import { HeadsetSession } from '../headset-session';
import { TelephonyDriver, type HeadsetEvent } from '../telephony-driver';
import type { InterfaceSource } from '../telephony-layout';
import { FakeHidDevice } from './fake-hid-device';
import { fixtureLayout } from './fixtures';
import { ManualClock } from './manual-clock';

/** A session on a fixture's layout over the fake device, collecting events and errors. */
export function openFixtureSession(fixture: string, prefer: InterfaceSource = 'vendor-mirror') {
  const layout = fixtureLayout(fixture);
  const iface = chooseInterface(layout, prefer);
  const clock = new ManualClock();
  const device = new FakeHidDevice();
  const session = new HeadsetSession(
    device,
    new TelephonyDriver(iface, layout.usesReportIds, clock),
  );
  const events: HeadsetEvent[] = [];
  const errors: Error[] = [];
  session.on('event', (e) => events.push(e));
  session.on('error', (e) => errors.push(e));
  const takeEvents = () =>
    events.splice(0, events.length).map((e) => (e.type === 'digit' ? `digit ${e.digit}` : e.type));
  return { layout, iface, clock, device, session, errors, takeEvents };
}
