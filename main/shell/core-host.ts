// Runs the desk core in an Electron utilityProcess, off the main process, so a bootstrap of
// 100,000 cases never freezes the window (as Actual Budget runs its backend). The main
// process only relays calls and events, as frames of the one RPC protocol (shared/rpc.ts).
import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import type { DeskMethod } from '../../shared/desk-api';
import type { WireError } from '../../shared/errors';
import { createCaller, readFrame } from '../../shared/rpc';
import type { Reply } from '../../shared/rpc';

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
  call: (method: DeskMethod, args: unknown) => Promise<Reply>;
  stop: () => void;
};

const CORE_STOPPED: WireError = { code: 'core_stopped', message: 'the desk core stopped; restart the app' };

export function startCoreProcess(options: CoreProcessOptions): CoreProcess {
  const child: UtilityProcess = utilityProcess.fork(
    options.entryPath,
    ['--data-dir', options.dataDir, '--server-url', options.defaultServerUrl],
    { serviceName: 'Tawasul Desk core', stdio: 'inherit' },
  );
  // never on the command line (other users of the machine may read it there)
  child.postMessage({ type: 'unlock', deviceKey: options.deviceKey.toString('hex') });
  const caller = createCaller((frame) => child.postMessage(frame));
  let exited = false;

  child.on('message', (message: unknown) => {
    const frame = readFrame(message);
    if (frame?.type === 'event') options.onEvent(frame.event, frame.payload);
    else if (frame?.type === 'reply') caller.receive(frame);
  });
  child.on('exit', (code) => {
    exited = true;
    caller.failAll(CORE_STOPPED);
    options.onExit(code);
  });

  return {
    call: (method, args) => (exited ? Promise.resolve({ ok: false, error: CORE_STOPPED }) : caller.call(method, args)),
    stop: () => {
      if (!exited) child.kill();
    },
  };
}
