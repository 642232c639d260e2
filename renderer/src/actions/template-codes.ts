// The template pairs a picker offers: one entry per code (its Arabic and English halves share
// it), with both titles to match on, most used first.
import type { Template } from '../../../shared/domain';

export type TemplateCode = { code: string; titles: string[]; usage: number };

export function templateCodes(templates: readonly Template[]): TemplateCode[] {
  const byCode = new Map<string, TemplateCode>();
  for (const tpl of templates) {
    const entry = byCode.get(tpl.code) ?? { code: tpl.code, titles: [], usage: 0 };
    entry.titles.push(tpl.title);
    entry.usage += tpl.usageCount;
    byCode.set(tpl.code, entry);
  }
  return [...byCode.values()].sort((a, b) => b.usage - a.usage);
}
