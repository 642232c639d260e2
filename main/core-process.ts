// Entry of the Electron utilityProcess that hosts the desk core. It imports no electron
// module: the parent port is a global of utility processes, so the same core that the
// browser host runs under plain Node runs here unchanged.
import { parseArgs } from 'node:util';
import { createDeskCore, undoWindowFromEnv } from './core/index';
import { createDeskDispatcher } from '../shared/desk-bridge';

type ParentPort = {
  on: (event: 'message', listener: (message: { data: unknown }) => void) => void;
  postMessage: (message: unknown) => void;
};

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort === undefined) {
  process.stderr.write('core-process runs inside the desktop app only\n');
  process.exit(2);
}
const port: ParentPort = parentPort;

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'server-url': { type: 'string' } },
  strict: false,
});
const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : '.';
const serverUrl = typeof values['server-url'] === 'string' ? values['server-url'] : 'http://127.0.0.1:4610';

// TAWASUL_UNDO_WINDOW_MS shortens the undo window (tests); default 10 s
const undoWindowMs = undoWindowFromEnv(process.env);
const core = createDeskCore({
  dataDir,
  defaultServerUrl: serverUrl,
  ...(undoWindowMs === undefined ? {} : { undoWindowMs }),
  emit: (event, payload) => port.postMessage({ type: 'event', event, payload }),
});
const dispatch = createDeskDispatcher(core.handlers);

port.on('message', ({ data }) => {
  if (typeof data !== 'object' || data === null) return;
  const call = data as { type?: unknown; id?: unknown; method?: unknown; args?: unknown };
  if (call.type !== 'call' || typeof call.id !== 'number') return;
  const id = call.id;
  void dispatch(call.method, call.args).then((reply) => port.postMessage({ type: 'reply', id, reply }));
});

process.on('SIGTERM', () => {
  void core.close().finally(() => process.exit(0));
});
