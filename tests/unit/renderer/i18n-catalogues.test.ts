import { describe, expect, it } from 'vitest';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { EVENT_CODES, CASE_STATUSES, TRANSFER_REASONS } from '../../../shared/domain';
import { VIEW_IDS } from '../../../shared/desk-api';
import { MUTATION_NAMES } from '../../../shared/mutations';
import { SHORTCUTS } from '../../../renderer/src/shortcuts/table';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the Arabic and English catalogues', () => {
  const enKeys = flatten(en);
  const arKeys = flatten(ar);

  it('have exactly the same keys', () => {
    expect([...arKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('have no empty string', () => {
    for (const [key, value] of [...enKeys, ...arKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of enKeys) expect(placeholders(arKeys.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('are really Arabic on the Arabic side', () => {
    const arabic = [...arKeys.values()].filter((v) => /[\u0600-\u06FF]/.test(v));
    expect(arabic.length / arKeys.size).toBeGreaterThan(0.95);
  });

  it('name every view, status, event, transfer reason, mutation and shortcut', () => {
    const needed = [
      ...VIEW_IDS.map((v) => `views.${v}`),
      ...CASE_STATUSES.map((s) => `status.${s}`),
      ...EVENT_CODES.map((c) => `event.${c}`),
      ...TRANSFER_REASONS.map((r) => `transferReason.${r}`),
      ...SHORTCUTS.map((s) => s.label),
    ];
    for (const key of needed) expect(enKeys.has(key), key).toBe(true);
    // mutation names contain a dot, so they sit one level down as literal keys
    for (const name of MUTATION_NAMES) expect(Object.hasOwn(en.mutation, name), name).toBe(true);
  });
});
