// A call-centre desk process for the resume test: `login <user> <password>` signs in and keeps
// bootstrapping until it is SIGKILLed; `resume` restores the session from the data folder and
// exits 0 once every agency is at the server's head ("Up to date").
// `node bootstrap-victim.mjs <dataDir> <serverUrl> login|resume …`
import { join } from 'node:path';
import { createDeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';

const [dataDir, serverUrl, mode, ...rest] = process.argv.slice(2);
if (dataDir === undefined || serverUrl === undefined || (mode !== 'login' && mode !== 'resume')) {
  process.stderr.write('usage: bootstrap-victim <dataDir> <serverUrl> login <user> <password> | resume\n');
  process.exit(2);
}

async function main(): Promise<void> {
  const core = createDeskCore({
    dataDir: dataDir,
    deviceKey: loadDeviceKey(join(dataDir, 'device-key'), fileModeSealer),
    defaultServerUrl: serverUrl,
    emit: () => undefined,
    reconnectBaseMs: 50,
    reconnectCapMs: 500,
    requestTimeoutMs: 10_000,
    bootstrapPageSize: 50,
  });
  process.stdout.write('open\n');
  if (mode === 'login') {
    await core.handlers['session.login']({ username: rest[0], password: rest[1] });
    return; // bootstraps until killed
  }
  const deadline = Date.now() + 120_000;
  while ((await core.handlers['sync.status']({})).state !== 'online') {
    if (Date.now() > deadline) throw new Error('never up to date');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write('synced\n');
  await core.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bootstrap victim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
