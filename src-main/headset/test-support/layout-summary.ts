import { parseReportDescriptor } from '../descriptor-parser';
import { deriveTelephonyLayout, type TelephonyInterface } from '../telephony-layout';
import { loadFixture } from './fixtures';

/** One line per control, so a layout reads like the hand derivation next to it. */
export function compact(i: TelephonyInterface) {
  const k = i.keypad;
  return {
    source: i.source,
    collection: i.collectionUsage.toString(16),
    inputs: i.inputs.map(
      (c) =>
        `${c.name} ${c.reportId}:${c.bitOffset}/${c.bitSize} ${c.absolute ? 'abs' : 'rel'}` +
        (c.constant ? ' const' : ''),
    ),
    keypad:
      k &&
      `${k.reportId}:${k.bitOffset}/${k.bitSize} ${k.logicalMin}..${k.logicalMax}` +
        (k.nullState ? ' null' : '') +
        ` ${k.digits.map((d) => d.digit).join('')}`,
    outputs: i.outputs.map((c) => `${c.name} ${c.reportId}:${c.bitOffset}/${c.bitSize}`),
    inputReports: i.inputReports.map((r) => `${r.reportId}:${r.byteLength}`),
    outputReports: i.outputReports.map((r) => `${r.reportId}:${r.byteLength}`),
  };
}

export function layoutOf(name: string) {
  const layout = deriveTelephonyLayout(parseReportDescriptor(loadFixture(name).bytes));
  return (
    layout && { usesReportIds: layout.usesReportIds, interfaces: layout.interfaces.map(compact) }
  );
}
