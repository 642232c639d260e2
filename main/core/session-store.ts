// The signed-in session, kept in a small file of the data folder so a restarted core (app
// relaunch, utility process restart) comes back signed in to the same server as the same user.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { staffSchema } from '../../shared/domain';

export const storedSessionSchema = z.object({
  serverUrl: z.string().url(),
  token: z.string().min(1),
  staff: staffSchema,
  expiresAt: z.number(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

const FILE = 'session.json';

export function readSession(dataDir: string, now: number = Date.now()): StoredSession | null {
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')));
    if (!parsed.success || parsed.data.expiresAt <= now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function writeSession(dataDir: string, session: StoredSession): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, FILE);
  // written aside and renamed, so a crash never leaves half a session file
  writeFileSync(`${file}.tmp`, JSON.stringify(session), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function clearSession(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}
