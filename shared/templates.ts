// Reply templates: `{{placeholder}}` rendering, shared so the composer's preview, the desk's
// prediction of a bulk reply and the reply the server stores produce the same text. Dates in a
// letter are the agency's calendar dates (Asia/Bahrain), whatever the machine's time zone.
import type { Agency, Case, Language, Staff, Template } from './domain';
import { AGENCY_TIME_ZONE } from './working-time';

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
  /** formats a due date for the letter's language; the agency's calendar date by default */
  formatDate?: (epochMs: number, language: Language) => string;
};

const LETTER_DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat('ar-BH', { timeZone: AGENCY_TIME_ZONE, dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: AGENCY_TIME_ZONE, dateStyle: 'long' }),
};

/** A date as a letter to the citizen writes it: the agency's calendar day, in the letter's language. */
export function formatLetterDate(epochMs: number, language: Language): string {
  return LETTER_DATE_FORMATS[language].format(new Date(epochMs));
}

export function placeholderValues(ctx: TemplateContext): Record<Placeholder, string> {
  const agencyName = ctx.agency === null ? '' : ctx.language === 'ar' ? ctx.agency.nameAr : ctx.agency.nameEn;
  const formatDate = ctx.formatDate ?? formatLetterDate;
  return {
    'citizen.name': ctx.case.citizen.name,
    'case.ref': ctx.case.ref,
    'case.subject': ctx.case.subject,
    'agency.name': agencyName,
    'staff.name': ctx.staff?.displayName ?? '',
    'case.firstResponseDue': formatDate(ctx.case.firstResponseDueAt, ctx.language),
    'case.resolutionDue': formatDate(ctx.case.resolutionDueAt, ctx.language),
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

/**
 * The reply a template gives one case: the half of its pair in the citizen's language (else
 * the chosen one), rendered for the case, its agency and the staff member who sends it.
 */
export function renderReply(pair: readonly Template[], chosen: Template, c: TemplateContext['case'], agency: TemplateContext['agency'], staff: TemplateContext['staff']): string {
  const template = pickTemplate(pair, chosen.code, c.citizen.language) ?? chosen;
  return renderTemplate(template.body, { case: c, agency, staff, language: template.language });
}
