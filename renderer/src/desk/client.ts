// The one DeskApi client of this renderer. Set once at start-up (main.tsx) from the chosen
// transport; stores and commands reach the core only through it.
import type { DeskClient } from '../../../shared/desk-bridge';

let current: DeskClient | null = null;

export function setDesk(client: DeskClient): void {
  current = client;
}

export function desk(): DeskClient {
  if (current === null) throw new Error('the desk client is used before start-up set it');
  return current;
}
