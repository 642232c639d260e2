// A TCP relay between desks and the case server on loopback, so a test can take the network
// away from a desk (every connection dropped, new ones refused) while the server runs on, and
// give it back. The desk sees what it would see of a real outage: a dropped WebSocket and
// refused connections.
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';

export type Link = {
  /** the URL desks use instead of the server's */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
};

export async function startLink(targetUrl: string): Promise<Link> {
  const target = new URL(targetUrl);
  const open = new Set<Socket>();
  let up = true;
  const relay = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      up = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close() {
      up = false;
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
