// Who is signed in, to which server, and the reference data (staff, agencies, templates)
// every screen draws names and pickers from.
import { create } from 'zustand';
import type { DeskResult } from '../../../shared/desk-api';
import type { Language, Staff } from '../../../shared/domain';
import type { HostConnection } from '../desk/socket-transport';
import { desk } from '../desk/client';
import { personName } from '../format/names';
import { currentLanguage } from '../i18n';

export type Reference = DeskResult<'reference.get'>;

type SessionState = {
  phase: 'starting' | 'login' | 'ready';
  staff: Staff | null;
  serverUrl: string | null;
  defaultServerUrl: string;
  reference: Reference | null;
  host: HostConnection;
};

export const useSession = create<SessionState>(() => ({
  phase: 'starting',
  staff: null,
  serverUrl: null,
  defaultServerUrl: '',
  reference: null,
  host: 'connecting',
}));

export async function loadReference(): Promise<void> {
  const reference = await desk()['reference.get']();
  useSession.setState({ reference });
}

export async function startSession(): Promise<void> {
  const current = await desk()['session.current']();
  useSession.setState({ serverUrl: current.serverUrl, defaultServerUrl: current.defaultServerUrl });
  if (current.staff === null) {
    useSession.setState({ phase: 'login', staff: null });
    return;
  }
  useSession.setState({ staff: current.staff });
  await loadReference();
  useSession.setState({ phase: 'ready' });
}

export async function login(username: string, password: string, serverUrl: string | undefined): Promise<void> {
  const result = await desk()['session.login']({ username, password, ...(serverUrl === undefined ? {} : { serverUrl }) });
  useSession.setState({ staff: result.staff, serverUrl: result.serverUrl });
  await loadReference();
  useSession.setState({ phase: 'ready' });
}

export async function logout(): Promise<void> {
  await desk()['session.logout']();
  useSession.setState({ phase: 'login', staff: null, reference: null });
}

/** A colleague's name in the UI language (or `language`), null when not known to this desk. */
export function staffName(reference: Reference | null, staffId: string | null, language: Language = currentLanguage()): string | null {
  if (staffId === null || reference === null) return null;
  const staff = reference.self.id === staffId ? reference.self : reference.staff.find((s) => s.id === staffId);
  return staff === undefined ? null : personName(staff, language);
}
