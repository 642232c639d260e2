// Entry of the Electron utilityProcess that hosts the desk core. It imports no electron
// module: the parent port is a global of utility processes, so the same core that the
// browser host runs under plain Node runs here unchanged.
import { parseArgs } from 'node:util';
import { createDeskCore, undoWindowFromEnv } from './core/index';
import type { DeskCore } from './core/index';
import { readParentMessage } from './core/parent-message';
import { createDeskDispatcher } from '../shared/desk-bridge';
import { answerCalls } from '../shared/rpc';
import type { CallFrame, Frame } from '../shared/rpc';

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

// The device key comes from the main process, which alone may ask the OS keychain for it
// (safeStorage), in the first message; calls that arrive before it wait for it.
const send = (frame: Frame) => port.postMessage(frame);
let answer: ((call: CallFrame) => void) | null = null;
let core: DeskCore | null = null;
const waiting: CallFrame[] = [];

function unlock(deviceKeyHex: string): void {
  core = createDeskCore({
    dataDir,
    deviceKey: Buffer.from(deviceKeyHex, 'hex'),
    defaultServerUrl: serverUrl,
    ...(undoWindowMs === undefined ? {} : { undoWindowMs }),
    emit: (event, payload) => send({ type: 'event', event, payload }),
  });
  const ready = answerCalls(createDeskDispatcher(core.handlers), send);
  answer = ready;
  for (const call of waiting.splice(0)) ready(call);
}

port.on('message', ({ data }) => {
  const message = readParentMessage(data);
  if (message === null) return;
  if (message.type === 'unlock') {
    if (answer === null) unlock(message.deviceKey);
    return;
  }
  if (answer === null) waiting.push(message);
  else answer(message);
});

process.on('SIGTERM', () => {
  void (core?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
