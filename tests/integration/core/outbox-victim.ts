// A desk process that the outbox fault test kills at random points. It opens a desk core on a
// data dir and, depending on its mode:
//   login  <user> <password>  signs in, waits until synced and the outbox is empty, exits 0
//   queue  <tag> <n> <caseIds…> writes n replies (one per case in turn) to the outbox, printing
//                              `queued <mutationId> <body>` as each is accepted, then flushes
//   resume                    only flushes what the outbox holds
//   finish                    flushes, and exits 0 once the outbox is empty
// It prints `open` once the core is up; the test SIGKILLs it whenever it likes after that.
// `node --import tsx tests/integration/core/outbox-victim.ts <dataDir> <serverUrl> <mode> …`
import { join } from 'node:path';
import { createDeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';

const [dataDir, serverUrl, mode, ...rest] = process.argv.slice(2);
if (dataDir === undefined || serverUrl === undefined || mode === undefined) {
  process.stderr.write('usage: outbox-victim <dataDir> <serverUrl> login|queue|resume|finish …\n');
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const core = createDeskCore({
    dataDir: dataDir,
    deviceKey: loadDeviceKey(join(dataDir, 'device-key'), fileModeSealer),
    defaultServerUrl: serverUrl,
    emit: () => undefined,
    mutationHoldMs: 0,
    undoWindowMs: 0,
    reconnectBaseMs: 20,
    reconnectCapMs: 200,
    requestTimeoutMs: 5_000,
  });
  say('open');
  const outboxEmpty = async () => (await core.handlers['outbox.list']({})).length === 0;
  const online = async () => (await core.handlers['sync.status']({})).state === 'online';
  switch (mode) {
    case 'login': {
      const [username, password] = rest;
      await core.handlers['session.login']({ username: username, password: password });
      await until('sync', async () => (await online()) && (await outboxEmpty()));
      await core.close();
      process.exit(0);
      break;
    }
    case 'queue': {
      const [tag, count, ...caseIds] = rest;
      for (let i = 0; i < Number(count); i++) {
        const caseId = caseIds[i % caseIds.length];
        const body = `victim ${tag}-${i}`;
        const { mutationId } = await core.handlers['cases.mutate']({ name: 'case.reply', args: { caseId, body, final: false } });
        say(`queued ${mutationId} ${body}`);
      }
      break;
    }
    case 'resume':
      break;
    case 'finish':
      await until('the outbox to empty', async () => (await online()) && (await outboxEmpty()));
      say('done');
      await core.close();
      process.exit(0);
      break;
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`outbox victim: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
