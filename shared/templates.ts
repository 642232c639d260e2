// Reply templates: `{{placeholder}}` rendering, shared so the composer's preview and a bulk
// reply rendered on the server produce the same text.
import type { Agency, Case, Language, Staff, Template } from './domain';

export const PLACEHOLDERS = [
  'citizen.name',
  'case.ref',
  'case.subject',
  'agency.name',
  'staff.name',
  'case.firstResponseDue',
  'case.resolutionDue',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateContext = {
  case: Pick<Case, 'ref' | 'subject' | 'citizen' | 'firstResponseDueAt' | 'resolutionDueAt'>;
  agency: Pick<Agency, 'nameAr' | 'nameEn'> | null;
  staff: Pick<Staff, 'displayName'> | null;
  language: Language;
  /** formats a due date for the letter's language */
  formatDate: (epochMs: number, language: Language) => string;
};

export function placeholderValues(ctx: TemplateContext): Record<Placeholder, string> {
  const agencyName = ctx.agency === null ? '' : ctx.language === 'ar' ? ctx.agency.nameAr : ctx.agency.nameEn;
  return {
    'citizen.name': ctx.case.citizen.name,
    'case.ref': ctx.case.ref,
    'case.subject': ctx.case.subject,
    'agency.name': agencyName,
    'staff.name': ctx.staff?.displayName ?? '',
    'case.firstResponseDue': ctx.formatDate(ctx.case.firstResponseDueAt, ctx.language),
    'case.resolutionDue': ctx.formatDate(ctx.case.resolutionDueAt, ctx.language),
  };
}

const PLACEHOLDER_PATTERN = /\{\{\s*([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s*\}\}/g;

/** Fills a template body; an unknown placeholder is left as written so the agent sees it. */
export function renderTemplate(body: string, ctx: TemplateContext): string {
  const values = placeholderValues(ctx);
  return body.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as Placeholder] : whole,
  );
}

/** The placeholders a template uses that this project does not know. */
export function unknownPlaceholders(body: string): string[] {
  const unknown: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) unknown.push(name);
  }
  return unknown;
}

/** The half of an Arabic/English template pair for a language, falling back to the other. */
export function pickTemplate(templates: readonly Template[], code: string, language: Language): Template | undefined {
  const pair = templates.filter((t) => t.code === code);
  return pair.find((t) => t.language === language) ?? pair[0];
}
