// What the Electron preload exposes on `window.desk` (contextBridge). Absent in the browser host.
import type { Reply } from '../../../shared/rpc';

export type PreloadDeskBridge = {
  invoke(method: string, args: unknown): Promise<Reply>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
};

declare global {
  // A global augmentation has to be an interface: `type` cannot merge with `Window`.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    desk?: PreloadDeskBridge;
  }
}
