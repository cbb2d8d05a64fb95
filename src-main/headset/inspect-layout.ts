import { parseReportDescriptor } from './descriptor-parser';
import { looksLikeHidRecorderText, parseHidRecorderText } from './descriptor-text';
import { deriveTelephonyLayout, type ControlPosition } from './telephony-layout';

export type InputOrigin = 'hid-recorder' | 'raw' | 'sysfs';

const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, '0')}`;

/**
 * The JSON the inspect CLI prints: the telephony layout with usages in hex, so it can be
 * compared with a descriptor dump by eye. `telephony` is null for non-telephony devices.
 */
export function inspectDescriptor(file: Uint8Array, origin: 'file' | 'sysfs'): object {
  const text = origin === 'file' && looksLikeHidRecorderText(file);
  const parsedFile = text
    ? parseHidRecorderText(Buffer.from(file).toString('utf8'))
    : { bytes: file };
  const layout = deriveTelephonyLayout(parseReportDescriptor(parsedFile.bytes));
  const position = (c: ControlPosition) => ({
    reportId: c.reportId,
    bitOffset: c.bitOffset,
    bitSize: c.bitSize,
    logicalMin: c.logicalMin,
    logicalMax: c.logicalMax,
  });
  return {
    format: (origin === 'sysfs' ? 'sysfs' : text ? 'hid-recorder' : 'raw') satisfies InputOrigin,
    ...('name' in parsedFile && parsedFile.name !== undefined ? { name: parsedFile.name } : {}),
    ...('vendorId' in parsedFile && parsedFile.vendorId !== undefined
      ? { vendorId: hex(parsedFile.vendorId, 4), productId: hex(parsedFile.productId ?? 0, 4) }
      : {}),
    descriptorBytes: parsedFile.bytes.length,
    bitOffsetsCountFrom: 'first payload byte after the report id',
    telephony:
      layout === undefined
        ? null
        : {
            usesReportIds: layout.usesReportIds,
            interfaces: layout.interfaces.map((i) => ({
              source: i.source,
              collectionUsage: hex(i.collectionUsage, 8),
              inputs: i.inputs.map((c) => ({
                name: c.name,
                usage: hex(c.usage, 8),
                ...position(c),
                absolute: c.absolute,
                constant: c.constant,
              })),
              keypad:
                i.keypad === undefined
                  ? null
                  : {
                      ...position(i.keypad),
                      nullState: i.keypad.nullState,
                      digits: i.keypad.digits,
                    },
              outputs: i.outputs.map((c) => ({
                name: c.name,
                usage: hex(c.usage, 8),
                ...position(c),
                absolute: c.absolute,
              })),
              inputReports: i.inputReports,
              outputReports: i.outputReports,
            })),
          },
  };
}
