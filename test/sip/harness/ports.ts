import dgram from 'node:dgram';
import net from 'node:net';

/**
 * Free ports for parallel test files. The kernel hands out an ephemeral port; we then check the
 * neighbours a SIP instance also needs. A tiny race remains between release and use; ephemeral
 * ports are randomised, so two forks colliding is unlikely and shows up as a bind error, not a
 * wrong result.
 */
function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

function ephemeralTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `count` consecutive ports free on both UDP and TCP. */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await ephemeralTcpPort();
    if (base + count > 65_000) continue;
    let ok = true;
    for (let port = base; port < base + count && ok; port++) {
      ok = (await tcpFree(port)) && (await udpFree(port));
    }
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free ports found`);
}
