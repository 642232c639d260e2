// Starts the central case server: the store, fastify (HTTP) and Socket.IO on the same port.
import { createAdapter } from '@socket.io/redis-adapter';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { MAX_PAYLOAD_BYTES } from '../shared/protocol';
import { DEFAULT_PORT } from './cli-args';
import { createLoginLimiter } from './auth/login-limiter';
import type { LoginLimits } from './auth/login-limiter';
import { frameworkErrors, installErrorHandlers } from './http/errors';
import { installSecurityHeaders } from './http/headers';
import { registerHealthRoutes } from './http/health';
import { DEMO_CHANNEL_KEYS, registerIntakeRoutes } from './http/intake';
import type { ChannelKeys } from './http/intake';
import { createCitizenTokens } from './http/citizen-tokens';
import { registerLoginRoutes } from './http/login';
import { seedIfEmpty } from './seed/index';
import { attachSockets } from './sockets/io';
import { createSyncFaults } from './sockets/sync-faults';
import type { SyncFaultRule } from './sockets/sync-faults';
import type { CaseServer } from './sockets/types';
import { openStore } from './store/db';
import type { Store } from './store/db';
import { DEFAULT_RETENTION, startRetention } from './store/retention';
import type { Retention } from './store/retention';

export type ServerOptions = {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests give each run its own) */
  databaseSchema?: string;
  redisUrl?: string;
  logger?: Logger;
  /** seed the demo data when the database is empty */
  seed?: { cases: number; password: string } | null;
  channelKeys?: ChannelKeys;
  /** the key of citizen tokens (http/citizen-tokens.ts); TAWASUL_CITIZEN_TOKEN_KEY in the CLI */
  citizenTokenKey?: string;
  loginLimits?: Partial<LoginLimits>;
  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (fastify's trustProxy:
   * true, or the proxies' addresses/CIDRs). Unset: the peer's address, so clients behind one
   * proxy share one address for login limiting. TAWASUL_TRUST_PROXY in the CLI.
   */
  trustProxy?: boolean | string | string[];
  socketRateLimit?: { perSecond: number; burst: number };
  /** change-feed and intake-key pruning (defaults: 30 days, hourly) */
  retention?: Partial<Retention>;
  /** how long a shutdown waits for socket events already being handled */
  drainMs?: number;
  /** how often open sockets re-check that their session still stands; default 30 s */
  sessionCheckMs?: number;
  /** test hook: selected agencies' bootstrap pages refused or held (sockets/sync-faults.ts) */
  syncFaults?: readonly SyncFaultRule[];
  /** open sockets one user may hold on one node (sockets/io.ts MAX_SOCKETS_PER_USER) */
  maxSocketsPerUser?: number;
};

export type RunningServer = {
  url: string;
  port: number;
  store: Store;
  io: CaseServer;
  /** re-checks this node's open sockets against their sessions now (the sweep also runs on its own) */
  checkSessions(): Promise<number>;
  close(): Promise<void>;
};

export { DEFAULT_PORT };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level }, pino.destination(2));
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const store = await openStore({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    ...(options.databaseSchema === undefined ? {} : { schema: options.databaseSchema }),
  });
  // undone in reverse order, on a failed start and on close
  const cleanups: (() => Promise<void>)[] = [() => store.close()];
  const undo = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    if (options.seed) await seedIfEmpty(store, { cases: options.seed.cases, password: options.seed.password, logger });

    // pino's Logger is fastify's base logger; naming the wider type keeps route types simple
    const httpLogger: FastifyBaseLogger = logger;
    const app = Fastify({ loggerInstance: httpLogger, bodyLimit: MAX_PAYLOAD_BYTES, logController: new LogController({ disableRequestLogging: true }),
      frameworkErrors,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    });
    installErrorHandlers(app);
    installSecurityHeaders(app);
    const sockets = attachSockets(app.server, {
      store,
      logger,
      ...(options.socketRateLimit === undefined ? {} : { rateLimit: options.socketRateLimit }),
      ...(options.sessionCheckMs === undefined ? {} : { sessionCheckMs: options.sessionCheckMs }),
      ...(options.syncFaults === undefined ? {} : { syncFaults: createSyncFaults(options.syncFaults) }),
      ...(options.maxSocketsPerUser === undefined ? {} : { maxSocketsPerUser: options.maxSocketsPerUser }),
    });

    if (options.redisUrl !== undefined) {
      const pub = createClient({ url: options.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', (error: unknown) => logger.error({ err: error }, 'redis publisher error'));
      sub.on('error', (error: unknown) => logger.error({ err: error }, 'redis subscriber error'));
      cleanups.push(async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      });
      await Promise.all([pub.connect(), sub.connect()]);
      sockets.useAdapter(createAdapter(pub, sub));
    }
    // fastify's close waits for HTTP requests in flight; it runs once the sockets are gone,
    // since an open WebSocket would hold the HTTP server open
    cleanups.push(() => app.close());
    cleanups.push(() => sockets.close());
    // first on the way down: no new socket events, and the ones being handled finish (and are
    // acked) before anything under them closes
    cleanups.push(() => sockets.drain(options.drainMs ?? 10_000));
    const retention = startRetention(store.db, { ...DEFAULT_RETENTION, ...options.retention }, logger);
    cleanups.push(() => retention.stop());

    registerHealthRoutes(app, store);
    registerLoginRoutes(app, store, createLoginLimiter(options.loginLimits), (token) => sockets.endSession(token));
    registerIntakeRoutes(app, store, options.channelKeys ?? DEMO_CHANNEL_KEYS, (events) => sockets.broadcast(events), createCitizenTokens(options.citizenTokenKey), sockets.onlineStaff);

    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? DEFAULT_PORT });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      store,
      io: sockets.io,
      checkSessions: () => sockets.checkSessions(),
      close() {
        closing ??= undo();
        return closing;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
