// The signed-in session, kept in a small file of the data folder so a restarted core (app
// relaunch, utility process restart) comes back signed in to the same server as the same user.
// It holds the token and the cache secret, so it is sealed with the device key (keys.ts);
// signing out deletes it, which locks that user's cache until they sign in again.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { makePrivateDir } from './private-files';
import { join } from 'node:path';
import { z } from 'zod';
import { staffSchema } from '../../shared/domain';
import { openWithDeviceKey, sealWithDeviceKey } from './keys';

export const storedSessionSchema = z.object({
  /** the deployment: one address, or its nodes' addresses comma separated */
  serverUrl: z.string().refine((text) => text.split(',').every((url) => URL.canParse(url)), { message: 'not a list of addresses' }),
  token: z.string().min(1),
  staff: staffSchema,
  expiresAt: z.number(),
  cacheSecret: z.string().min(16),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

const FILE = 'session.sealed';
/** what builds before the cache was encrypted wrote: plain JSON without a cache secret */
const LEGACY_FILE = 'session.json';
const PURPOSE = 'session';

export function readSession(dataDir: string, deviceKey: Buffer, now: number = Date.now()): StoredSession | null {
  rmSync(join(dataDir, LEGACY_FILE), { force: true });
  let sealed: Buffer;
  try {
    sealed = readFileSync(join(dataDir, FILE));
  } catch {
    return null;
  }
  const plain = openWithDeviceKey(deviceKey, PURPOSE, sealed);
  if (plain === null) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(plain.toString('utf8')));
    if (!parsed.success || parsed.data.expiresAt <= now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function writeSession(dataDir: string, deviceKey: Buffer, session: StoredSession): void {
  makePrivateDir(dataDir);
  const file = join(dataDir, FILE);
  // written aside and renamed, so a crash never leaves half a session file
  writeFileSync(`${file}.tmp`, sealWithDeviceKey(deviceKey, PURPOSE, Buffer.from(JSON.stringify(session))), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function clearSession(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
  rmSync(join(dataDir, LEGACY_FILE), { force: true });
}
