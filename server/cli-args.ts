// The server's command line, parsed strictly: an unknown flag or a bad value is a UsageError
// (one clear line, exit 2), never a stack trace.
import { parseArgs } from 'node:util';
import { DEMO_CASES, DEMO_PASSWORD } from './seed/index';

export const DEFAULT_PORT = 4610;

export type CliOptions = {
  host: string;
  port: number;
  dataDir: string;
  seed: { cases: number; password: string } | null;
  seedOnly: boolean;
};

export class UsageError extends Error {}

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

/**
 * TAWASUL_SOCKET_RATE: `perSecond,burst` of each socket's token bucket, or `off` (benchmarks
 * and load tests drive one socket far harder than a desk does).
 */
export function parseSocketRate(text: string): { perSecond: number; burst: number } {
  if (text === 'off') return { perSecond: 1e9, burst: 1e9 };
  const match = /^(\d+),(\d+)$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined || Number(match[1]) === 0 || Number(match[2]) === 0) {
    throw new UsageError(`TAWASUL_SOCKET_RATE must be "perSecond,burst" or "off", got "${text}"`);
  }
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

/**
 * TAWASUL_SOCKETS_PER_USER: how many sockets one user may hold open on one node (default 8,
 * sockets/handshake.ts). Load tests and benchmarks connect hundreds of desks as a few users.
 */
export function parseSocketsPerUser(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 100_000) {
    throw new UsageError(`TAWASUL_SOCKETS_PER_USER must be a whole number from 1 to 100000, got "${text}"`);
  }
  return value;
}

/**
 * TAWASUL_TRUST_PROXY: whose X-Forwarded-For gives the client's address. `true` (any: only
 * when nothing but the proxy can reach the server) or a comma-separated list of
 * addresses/CIDRs of the proxies (e.g. `10.0.0.5,10.0.1.0/24`). Unset or empty: nobody's.
 */
export function parseTrustProxy(text: string | undefined): boolean | string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = text.trim();
  if (value === 'true') return true;
  if (value === 'false') return undefined;
  const list = value.split(',').map((s) => s.trim());
  if (list.some((entry) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry))) {
    throw new UsageError(`TAWASUL_TRUST_PROXY must be true or the proxies' addresses/CIDRs separated by commas, got "${text}"`);
  }
  return list;
}
