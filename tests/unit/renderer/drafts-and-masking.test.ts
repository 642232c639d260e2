import { describe, expect, it } from 'vitest';
import { maskCpr } from '../../../renderer/src/format/identity';
import { DRAFTS_STORAGE_KEY, readDrafts, writeDraft } from '../../../renderer/src/state/composer';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('CPR masking', () => {
  it('shows only the last four digits', () => {
    expect(maskCpr('880412345')).toBe('*****2345');
    expect(maskCpr(undefined)).toBe('');
  });
});

describe('drafts', () => {
  it('keep a reply and a note per case, and forget a case whose drafts are emptied', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'case-1', 'reply', 'Dear citizen');
    writeDraft(storage, 'case-1', 'note', 'check with finance');
    writeDraft(storage, 'case-2', 'reply', 'مرحبا');
    expect(readDrafts(storage)['case-1']).toEqual({ reply: 'Dear citizen', note: 'check with finance' });
    expect(readDrafts(storage)['case-2']?.reply).toBe('مرحبا');
    writeDraft(storage, 'case-2', 'reply', '');
    expect(readDrafts(storage)['case-2']).toBeUndefined();
  });

  it('survive a damaged storage entry', () => {
    const storage = memoryStorage();
    storage.setItem(DRAFTS_STORAGE_KEY, '{not json');
    expect(readDrafts(storage)).toEqual({});
    writeDraft(storage, 'case-1', 'reply', 'x');
    expect(readDrafts(storage)['case-1']?.reply).toBe('x');
  });
});
