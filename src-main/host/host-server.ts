import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_CALL_BYTES } from '../../src-shared/contract/contract';
import { CONTRACT_SOCKET_PATH, REPLICA_SOCKET_PATH } from '../../src-shared/contract/wire';
import { RENDERER_SECURITY_HEADERS } from '../core/content-security-policy';
import type { Core } from '../core/core';
import { MAX_REPLICA_MESSAGE_BYTES, type ReplicaChannel } from '../core/replica-channel';
import { serveContract } from './contract-socket';
import { serveReplica } from './replica-socket';

export type HostOptions = {
  core: Core;
  /** Main's replica for the renderer's RxDB; absent until the replica is opened. */
  replica?: ReplicaChannel;
  rendererDir: string;
  host?: string;
  port?: number;
};

export type RunningHost = { url: string; app: FastifyInstance; close(): Promise<void> };

/**
 * The browser host: serves the built renderer and the contract over WebSocket, so the same
 * UI runs in a plain browser against the same core. Listens on loopback only by default.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const app = Fastify({ logger: false });
  // Replica messages (bulk writes with attachments) are larger than contract calls; each
  // socket route checks its own limit below.
  await app.register(fastifyWebsocket, {
    options: { maxPayload: Math.max(MAX_CALL_BYTES, MAX_REPLICA_MESSAGE_BYTES) },
  });
  // Every response carries the CSP, including errors: a 404 page is a page too.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(RENDERER_SECURITY_HEADERS);
    return payload;
  });
  await app.register(fastifyStatic, { root: options.rendererDir });

  app.get(CONTRACT_SOCKET_PATH, { websocket: true }, (socket, request) => {
    // Browsers always send Origin on WebSocket upgrades; a page from any other origin must not
    // drive this core (cross-site WebSocket hijacking).
    if (!isSameOrigin(request.headers.origin, request.headers.host)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    serveContract(socket, options.core);
  });

  app.get(REPLICA_SOCKET_PATH, { websocket: true }, (socket, request) => {
    if (!isSameOrigin(request.headers.origin, request.headers.host) || !options.replica) {
      socket.close(1008, options.replica ? 'origin not allowed' : 'no replica');
      return;
    }
    serveReplica(socket, options.replica);
  });

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return { url: address, app, close: () => app.close() };
}

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
