// The browser host: serves the built renderer and carries the DeskApi over a WebSocket, with
// the same core the Electron app runs in its utility process.
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CoreLogger, DeskCoreOptions } from '../core/index';
import { silentLogger } from '../core/logger';
import { fileModeSealer, loadOrReplaceDeviceKey } from '../core/keys';
import { createDeskSessions } from './desk-sessions';
import { createDeskSocketServer } from './desk-socket';
import { createHostAccess } from './host-access';
import type { HostAccess } from './host-access';
import { makePrivateDir } from '../core/private-files';
import { createStaticHandler } from './static-files';

export type BrowserHostOptions = {
  host: string;
  port: number;
  rendererDir: string;
  dataDir: string;
  defaultServerUrl: string;
  logger?: CoreLogger;
  /** a desk with no page attached is closed after this long; default 5 minutes */
  idleCloseMs?: number;
  coreOptions?: Partial<DeskCoreOptions>;
};

/** The browser host has no OS keychain to hand: its device key is a file only its OS user can read. */
export const DEVICE_KEY_FILE = 'device-key';

export type BrowserHost = { url: string; close(): Promise<void> };

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const logger = o.logger ?? silentLogger;
  // the host's folder is its OS user's alone; a folder of an older build (0755) is tightened
  makePrivateDir(o.dataDir);
  const deviceKey = o.coreOptions?.deviceKey ?? loadOrReplaceDeviceKey(join(o.dataDir, DEVICE_KEY_FILE), fileModeSealer, logger);
  const sessions = createDeskSessions({
    dataDir: o.dataDir,
    deviceKey,
    defaultServerUrl: o.defaultServerUrl,
    logger,
    idleCloseMs: o.idleCloseMs ?? 5 * 60_000,
    ...(o.coreOptions === undefined ? {} : { coreOptions: o.coreOptions }),
  });
  // the port is known once listening (port 0 in tests); nothing is served before that
  let access: HostAccess | null = null;
  const currentAccess = (): HostAccess => {
    if (access === null) throw new Error('the browser host is not listening yet');
    return access;
  };
  const server = createServer(createStaticHandler(o.rendererDir, currentAccess));
  let url = '';
  const sockets = createDeskSocketServer(sessions, logger, currentAccess);
  server.on('upgrade', (req, socket, head) => sockets.upgrade(req, socket, head));
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  access = createHostAccess(o.host, address.port, deviceKey);

  return {
    url,
    async close() {
      await sockets.close();
      await sessions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
