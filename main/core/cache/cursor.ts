// The keyset cursor: the (updatedAt, id) of the last row of a page, opaque to the renderer.
import { z } from 'zod';
import { CodedError } from '../../../shared/errors';

export type Keyset = { updatedAt: number; id: string };

const keysetSchema = z.tuple([z.number().int().nonnegative(), z.string().min(1).max(64)]);

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.updatedAt, k.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const [updatedAt, id] = keysetSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { updatedAt, id };
  } catch {
    throw new CodedError('invalid_cursor', 'the page cursor is not one this desk issued');
  }
}
