// `tsx main/browser-host/cli.ts --host 127.0.0.1 --port 4620 --server http://127.0.0.1:4610
//  --data .data/browser --renderer out/renderer`
// Environment: LOG_LEVEL; TAWASUL_UNDO_WINDOW_MS (the undo window of every desk, default
// 10000: replies, questions, transfers and status steps wait that long before they are sent).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startBrowserHost } from './index';
import { undoWindowFromEnv } from '../core/index';

function fail(sentence: string): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4620' },
      server: { type: 'string', default: 'http://127.0.0.1:4610' },
      data: { type: 'string', default: '.data/browser-host' },
      renderer: { type: 'string', default: 'out/renderer' },
    },
    strict: true,
  }));
} catch (error) {
  fail(`browser host: ${error instanceof Error ? error.message : String(error)}`);
}

const host = String(values.host);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`browser host: --port must be a port number, not "${String(values.port)}".`);
const rendererDir = resolve(String(values.renderer));
if (!existsSync(join(rendererDir, 'index.html'))) {
  fail(`The desk is not built (${join(rendererDir, 'index.html')} is missing): run \`npm run build\` first.`);
}

let undoWindowMs: number | undefined;
try {
  undoWindowMs = undoWindowFromEnv(process.env);
} catch (error) {
  fail(`browser host: ${error instanceof Error ? error.message : String(error)}`);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
startBrowserHost({
  host, port, rendererDir, dataDir: resolve(String(values.data)), defaultServerUrl: String(values.server), logger,
  ...(undoWindowMs === undefined ? {} : { coreOptions: { undoWindowMs } }),
})
  .then((browserHost) => {
    process.stdout.write(`browser host on http://${host}:${port === 0 ? new URL(browserHost.url).port : port}\n`);
    const stop = () => {
      void browserHost.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    fail(`browser host: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  });
