import type { RawData, WebSocket } from 'ws';
import { MAX_CALL_BYTES } from '../../src-shared/contract/contract';
import { ContractError, issuesFromZod } from '../../src-shared/contract/errors';
import { ClientFrameSchema, type ServerFrame } from '../../src-shared/contract/wire';
import type { Core } from '../core/core';

/** Calls answered concurrently per connection; more are refused rather than queued forever. */
const MAX_CALLS_IN_FLIGHT = 32;

/**
 * Serves the contract on one WebSocket: the browser host's equivalent of the preload bridge.
 * Frames are size-limited by the socket (maxPayload); here each is parsed and checked.
 */
export function serveContract(socket: WebSocket, core: Core): void {
  let inFlight = 0;
  const send = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const reject = (error: ContractError): void => send({ type: 'error', error: error.toData() });

  const unsubscribe = core.events.subscribe((event, payload) =>
    send({ type: 'event', event, payload }),
  );
  socket.on('close', unsubscribe);

  socket.on('message', (data, isBinary) => {
    if (byteLength(data) > MAX_CALL_BYTES) {
      // The same answer the socket itself gives past its maxPayload: 1009, message too big.
      socket.close(1009, 'frame too large');
      return;
    }
    if (isBinary) {
      reject(new ContractError({ code: 'bad_request', message: 'binary frames are not accepted' }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      reject(new ContractError({ code: 'bad_request', message: 'frame is not valid JSON' }));
      return;
    }
    const frame = ClientFrameSchema.safeParse(json);
    if (!frame.success) {
      reject(
        new ContractError({
          code: 'bad_request',
          message: 'frame does not match the call shape {type:"call", id, command, args}',
          issues: issuesFromZod(frame.error),
        }),
      );
      return;
    }
    const { id, command, args } = frame.data;
    if (inFlight >= MAX_CALLS_IN_FLIGHT) {
      send({
        type: 'result',
        id,
        ok: false,
        error: { code: 'bad_request', message: 'too many calls in flight on this connection' },
      });
      return;
    }
    inFlight += 1;
    void core
      .dispatch(command, args)
      .then((outcome) => send({ type: 'result', id, ...outcome }))
      .finally(() => {
        inFlight -= 1;
      });
  });
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((total, chunk) => total + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}
