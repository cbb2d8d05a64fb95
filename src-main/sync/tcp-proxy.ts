import net from 'node:net';

/** Network faults the proxy injects on every connection while set. */
export interface ProxyFaults {
  /** Each chunk waits up to this long (order is kept): a slow, jittery link. */
  maxDelayMs?: number;
  /** Chance per chunk that the connection is reset there (both sides destroyed mid-stream). */
  resetRate?: number;
  /** Swallow every chunk, keeping connections open: a half-open link (no reset, no answer). */
  blackhole?: boolean;
  /**
   * Swallow what the server sends, keeping connections open: requests arrive and are applied,
   * their answers are lost (and the live stream goes silent).
   */
  dropAnswers?: boolean;
}

export interface TcpProxyOptions {
  /** Random source for the faults (seeded in fault runs so a schedule can be replayed). */
  random?: () => number;
  /** Sees each chunk the client sends, before it is forwarded (e.g. to act on a request line). */
  onClientData?: (chunk: Buffer) => void;
}

/**
 * A TCP forwarder the tests cut and restore to take the server off the network (connection
 * refused, like a technician's laptop with no network) without stopping it. Fault runs also
 * delay and reset connections, and point it at a restarted server.
 */
export async function startTcpProxy(targetPort: number, options: TcpProxyOptions = {}) {
  const random = options.random ?? Math.random;
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  let port = 0;
  let target = targetPort;
  let faults: ProxyFaults = {};
  const stats = { connections: 0, resets: 0, delayedChunks: 0 };

  /** Forwards chunks in order, each after its fault delay; may reset the connection. */
  const forward = (
    from: net.Socket,
    to: net.Socket,
    direction: 'request' | 'answer',
    inspect?: (chunk: Buffer) => void,
  ) => {
    let queue = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      inspect?.(chunk);
      const { maxDelayMs = 0, resetRate = 0, blackhole = false, dropAnswers = false } = faults;
      if (blackhole || (dropAnswers && direction === 'answer')) return;
      if (resetRate > 0 && random() < resetRate) {
        stats.resets++;
        from.destroy();
        to.destroy();
        return;
      }
      const delay = maxDelayMs > 0 ? random() * maxDelayMs : 0;
      if (delay === 0) {
        queue = queue.then(() => void to.write(chunk));
        return;
      }
      stats.delayedChunks++;
      queue = queue
        .then(() => new Promise((resolve) => setTimeout(resolve, delay)))
        .then(() => void (to.destroyed || to.write(chunk)));
    });
    from.on('end', () => void queue.then(() => to.end()));
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server?.listening) return resolve();
      server = net.createServer((client) => {
        stats.connections++;
        const upstream = net.connect(target, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => {
            sockets.delete(s);
            // One side gone: the other goes too (as a real connection reset would).
            (s === client ? upstream : client).destroy();
          });
          s.on('error', () => s.destroy());
        }
        forward(client, upstream, 'request', options.onClientData);
        forward(upstream, client, 'answer');
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    /** Refuses new connections and drops the open ones. */
    async cut() {
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closing;
    },
    restore: listen,
    /** Drops the open connections but keeps accepting new ones. */
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    /** Sends new connections to another port (a restarted server). */
    setTarget(nextPort: number) {
      target = nextPort;
    },
    setFaults(next: ProxyFaults) {
      faults = next;
    },
    stats,
    async close() {
      await this.cut();
    },
  };
}
export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;
