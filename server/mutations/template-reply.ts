// Renders a reply template for one case, in the citizen's language when the template has an
// Arabic/English pair (shared/templates.ts, the same rendering the composer previews).
import type { Agency, Case, Language, Staff, Template } from '../../shared/domain';
import { pickTemplate, renderTemplate } from '../../shared/templates';

const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat('ar-BH', { timeZone: 'Asia/Bahrain', dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bahrain', dateStyle: 'long' }),
};

export function formatDueDate(epochMs: number, language: Language): string {
  return DATE_FORMATS[language].format(new Date(epochMs));
}

export function renderReply(pair: readonly Template[], chosen: Template, c: Case, agency: Agency | null, staff: Staff): string {
  const template = pickTemplate(pair, chosen.code, c.citizen.language) ?? chosen;
  return renderTemplate(template.body, {
    case: c,
    agency,
    staff,
    language: template.language,
    formatDate: formatDueDate,
  });
}
