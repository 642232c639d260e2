// npm run server -- [--host 127.0.0.1] [--port 4610] [--data <dir>] [--seed demo] [--cases N]
//                   [--demo-password P] [--seed-only]
// Prints exactly `listening on http://HOST:PORT` on stdout when ready; logs go to stderr.
import { parseArgs } from 'node:util';
import { createLogger, DEFAULT_PORT, startServer } from './index';
import { parseChannelKeys } from './http/intake';
import { DEMO_CASES, DEMO_PASSWORD, seedDemo } from './seed/index';
import { openStore } from './store/db';
import { isEmpty } from './store/reference';

type CliOptions = {
  host: string;
  port: number;
  dataDir: string;
  seed: { cases: number; password: string } | null;
  seedOnly: boolean;
};

class UsageError extends Error {}

function positiveInt(text: string, flag: string, allowZero: boolean): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    throw new UsageError(`${flag} needs a ${allowZero ? 'non-negative' : 'positive'} whole number, got "${text}"`);
  }
  return n;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        data: { type: 'string', default: '.data/server' },
        seed: { type: 'string' },
        cases: { type: 'string' },
        'demo-password': { type: 'string' },
        'seed-only': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.seed !== undefined && v.seed !== 'demo') throw new UsageError(`--seed knows only "demo", got "${v.seed}"`);
  if (v.seed === undefined && (v.cases !== undefined || v['demo-password'] !== undefined || v['seed-only'])) {
    throw new UsageError('--cases, --demo-password and --seed-only need --seed demo');
  }
  const port = positiveInt(v.port, '--port', true);
  if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  const password = v['demo-password'] ?? DEMO_PASSWORD;
  if (password.length < 8) throw new UsageError('--demo-password needs at least 8 characters');
  return {
    host: v.host,
    port,
    dataDir: v.data,
    seed: v.seed === 'demo' ? { cases: v.cases === undefined ? DEMO_CASES : positiveInt(v.cases, '--cases', true), password } : null,
    seedOnly: v['seed-only'],
  };
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tawasul server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const redisUrl = process.env.REDIS_URL || undefined;
  const keysText = process.env.TAWASUL_CHANNEL_KEYS;

  if (options.seedOnly) {
    const store = await openStore(databaseUrl === undefined ? { dataDir: options.dataDir } : { databaseUrl });
    try {
      if (options.seed !== null && (await isEmpty(store.db))) await seedDemo(store, { ...options.seed, logger });
      else logger.info('database already holds data; not seeding');
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
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(keysText === undefined ? {} : { channelKeys: parseChannelKeys(keysText) }),
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
