// What the Electron main process may say to the core's utility process: the device key once
// (`unlock`, 64 hex digits), then call frames of the one RPC protocol (shared/rpc.ts).
// Anything else is ignored.
import { readFrame } from '../../shared/rpc';
import type { CallFrame } from '../../shared/rpc';

export type ParentMessage = { type: 'unlock'; deviceKey: string } | CallFrame;

export function readParentMessage(data: unknown): ParentMessage | null {
  const m = data as { type?: unknown; deviceKey?: unknown } | null;
  if (m?.type === 'unlock') {
    return typeof m.deviceKey === 'string' && /^[0-9a-f]{64}$/.test(m.deviceKey) ? { type: 'unlock', deviceKey: m.deviceKey } : null;
  }
  const frame = readFrame(data);
  return frame?.type === 'call' ? frame : null;
}
