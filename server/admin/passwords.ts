// Where a new password comes from: --password, one line on stdin (--password-stdin, which keeps
// it out of the shell history and the process list), or generated here and shown once.
import { randomInt } from 'node:crypto';
import { UsageError } from '../cli-args';
import type { Values } from './command';
import { parsePassword, stringValue } from './values';

const GENERATED_LENGTH = 20;
// letters and digits without look-alikes (0/O, 1/l/I): it is read off a screen and typed; and a
// password that starts with '-' is awkward to pass back on a command line
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export type PasswordSource = { from: 'given'; password: string } | { from: 'stdin' } | { from: 'generated' };

export const PASSWORD_OPTIONS = {
  password: {
    type: 'string',
    value: 'P',
    help: 'the new password (at least 12 characters); generated and printed once when left out',
  },
  'password-stdin': { type: 'boolean', help: 'read the password from the first line of stdin instead' },
} as const;

export function passwordSource(values: Values): PasswordSource {
  const given = stringValue(values, 'password');
  if (given !== undefined && values['password-stdin'] === true)
    throw new UsageError('give --password or --password-stdin, not both');
  if (given !== undefined) return { from: 'given', password: parsePassword(given) };
  return values['password-stdin'] === true ? { from: 'stdin' } : { from: 'generated' };
}

/** About 115 bits from the CSPRNG. */
export function generatePassword(): string {
  let password = '';
  for (let i = 0; i < GENERATED_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)] ?? '';
  return password;
}

async function firstStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** The password to set, and whether it must be shown (only a generated one is). */
export async function resolvePassword(source: PasswordSource): Promise<{ password: string; show: boolean }> {
  switch (source.from) {
    case 'given':
      return { password: source.password, show: false };
    case 'stdin':
      return { password: parsePassword(await firstStdinLine()), show: false };
    case 'generated':
      return { password: generatePassword(), show: true };
  }
}
