// npm run server -- [--host 127.0.0.1] [--port 4610] [--data <dir>] [--seed demo] [--cases N]
//                   [--demo-password P] [--seed-only]
// Environment: DATABASE_URL (PostgreSQL; SQLite in --data otherwise), DATABASE_SCHEMA, REDIS_URL,
// TAWASUL_CHANNEL_KEYS, TAWASUL_SOCKET_RATE, TAWASUL_SOCKETS_PER_USER, TAWASUL_TRUST_PROXY, TAWASUL_CITIZEN_TOKEN_KEY, LOG_LEVEL;
// for tests only, TAWASUL_TEST_SYNC_FAULTS (sockets/sync-faults.ts).
// Prints exactly `listening on http://HOST:PORT` on stdout when ready; logs go to stderr.
import { parseCli, parseSocketRate, parseSocketsPerUser, parseTrustProxy, UsageError } from './cli-args';
import type { CliOptions } from './cli-args';
import { createLogger, startServer } from './index';
import { parseChannelKeys } from './http/intake';
import { seedIfEmpty } from './seed/index';
import { openStore } from './store/db';
import { parseSyncFaults } from './sockets/sync-faults';
import type { SyncFaultRule } from './sockets/sync-faults';

async function main(): Promise<void> {
  let options: CliOptions;
  let socketRateLimit: { perSecond: number; burst: number } | undefined;
  let maxSocketsPerUser: number | undefined;
  let trustProxy: ReturnType<typeof parseTrustProxy>;
  let syncFaults: SyncFaultRule[] | undefined;
  try {
    trustProxy = parseTrustProxy(process.env.TAWASUL_TRUST_PROXY);
    options = parseCli(process.argv.slice(2));
    const rateText = process.env.TAWASUL_SOCKET_RATE;
    if (rateText) socketRateLimit = parseSocketRate(rateText);
    const perUserText = process.env.TAWASUL_SOCKETS_PER_USER;
    if (perUserText) maxSocketsPerUser = parseSocketsPerUser(perUserText);
    const faultsText = process.env.TAWASUL_TEST_SYNC_FAULTS;
    if (faultsText) syncFaults = parseSyncFaults(faultsText);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.message.startsWith('TAWASUL_TEST_SYNC_FAULTS'))) {
      process.stderr.write(`tawasul server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // a PostgreSQL schema of its own lets several deployments (or test runs) share a database
  const databaseSchema = process.env.DATABASE_SCHEMA || undefined;
  const redisUrl = process.env.REDIS_URL || undefined;
  const keysText = process.env.TAWASUL_CHANNEL_KEYS;

  if (options.seedOnly) {
    const store = await openStore(
      databaseUrl === undefined ? { dataDir: options.dataDir } : { databaseUrl, ...(databaseSchema === undefined ? {} : { schema: databaseSchema }) },
    );
    try {
      if (options.seed === null || !(await seedIfEmpty(store, { ...options.seed, logger }))) logger.info('database already holds data; not seeding');
    } finally {
      await store.close();
    }
    return;
  }

  const server = await startServer({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    logger,
    seed: options.seed,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(databaseSchema === undefined ? {} : { databaseSchema }),
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(keysText === undefined ? {} : { channelKeys: parseChannelKeys(keysText) }),
    ...(socketRateLimit === undefined ? {} : { socketRateLimit }),
    ...(maxSocketsPerUser === undefined ? {} : { maxSocketsPerUser }),
    ...(trustProxy === undefined ? {} : { trustProxy }),
    ...(syncFaults === undefined ? {} : { syncFaults }),
    ...(process.env.TAWASUL_CITIZEN_TOKEN_KEY ? { citizenTokenKey: process.env.TAWASUL_CITIZEN_TOKEN_KEY } : {}),
  });
  process.stdout.write(`listening on ${server.url}\n`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`tawasul server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
