// What the Electron main process may say to the core's utility process: the device key once
// (`unlock`, 64 hex digits), then DeskApi calls. Anything else is ignored.
export type ParentMessage =
  | { type: 'unlock'; deviceKey: string }
  | { type: 'call'; id: number; method: unknown; args: unknown };

export function readParentMessage(data: unknown): ParentMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'unlock' && typeof m.deviceKey === 'string' && /^[0-9a-f]{64}$/.test(m.deviceKey)) {
    return { type: 'unlock', deviceKey: m.deviceKey };
  }
  if (m.type === 'call' && typeof m.id === 'number') return { type: 'call', id: m.id, method: m.method, args: m.args };
  return null;
}
