// Runs the desk core in an Electron utilityProcess, off the main process, so a bootstrap of
// 100,000 cases never freezes the window (as Actual Budget runs its backend). The main
// process only relays calls and events.
import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import { deskErrorSchema } from '../../shared/desk-api';
import type { DeskMethod, DeskReply } from '../../shared/desk-api';

export type CoreProcessOptions = {
  entryPath: string;
  dataDir: string;
  /** unsealed from the OS keychain by the main process (device-key.ts); sent as the first message */
  deviceKey: Buffer;
  defaultServerUrl: string;
  onEvent: (event: string, payload: unknown) => void;
  onExit: (code: number) => void;
};

export type CoreProcess = {
  call: (method: DeskMethod, args: unknown) => Promise<DeskReply>;
  stop: () => void;
};

type Pending = (reply: DeskReply) => void;

/** Parses one message from the core process; anything malformed is ignored. */
export function readCoreMessage(message: unknown):
  | { type: 'reply'; id: number; reply: DeskReply }
  | { type: 'event'; event: string; payload: unknown }
  | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'event' && typeof m.event === 'string') return { type: 'event', event: m.event, payload: m.payload };
  if (m.type === 'reply' && typeof m.id === 'number' && typeof m.reply === 'object' && m.reply !== null) {
    const reply = m.reply as Record<string, unknown>;
    if (reply.ok === true) return { type: 'reply', id: m.id, reply: { ok: true, value: reply.value } };
    const error = deskErrorSchema.safeParse(reply.error);
    if (reply.ok === false && error.success) return { type: 'reply', id: m.id, reply: { ok: false, error: error.data } };
  }
  return null;
}

export function startCoreProcess(options: CoreProcessOptions): CoreProcess {
  const child: UtilityProcess = utilityProcess.fork(
    options.entryPath,
    ['--data-dir', options.dataDir, '--server-url', options.defaultServerUrl],
    { serviceName: 'Tawasul Desk core', stdio: 'inherit' },
  );
  // never on the command line (other users of the machine may read it there)
  child.postMessage({ type: 'unlock', deviceKey: options.deviceKey.toString('hex') });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited = false;

  child.on('message', (message: unknown) => {
    const parsed = readCoreMessage(message);
    if (parsed === null) return;
    if (parsed.type === 'event') {
      options.onEvent(parsed.event, parsed.payload);
      return;
    }
    const resolve = pending.get(parsed.id);
    pending.delete(parsed.id);
    resolve?.(parsed.reply);
  });
  child.on('exit', (code) => {
    exited = true;
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'core_stopped', message: 'the desk core stopped; restart the app' } });
    }
    pending.clear();
    options.onExit(code);
  });

  return {
    call: (method, args) =>
      new Promise<DeskReply>((resolve) => {
        if (exited) {
          resolve({ ok: false, error: { code: 'core_stopped', message: 'the desk core stopped; restart the app' } });
          return;
        }
        const id = nextId++;
        pending.set(id, resolve);
        child.postMessage({ type: 'call', id, method, args });
      }),
    stop: () => {
      if (!exited) child.kill();
    },
  };
}
