// An event message is stored as a code plus parameters; each desk says it in its own language,
// each name, agency or tag in it isolated for direction (bidi.ts).
import type { TFunction } from 'i18next';
import { EVENT_CODES } from '../../../shared/domain';
import type { Agency, Message } from '../../../shared/domain';
import { isolateAll } from './bidi';
import { agencyName as nameOfAgency } from './names';
import { formatNumber } from './time';

export type Names = {
  staff: (staffId: string) => string | null;
  agency: (agencyId: string) => Agency | undefined;
  language: 'ar' | 'en';
};

export function actorName(author: string, names: Names, t: TFunction): string {
  if (author === 'citizen') return t('thread.citizen');
  if (author === 'system') return t('thread.system');
  return names.staff(author) ?? t('thread.unknownStaff');
}

function agencyName(id: string | undefined, names: Names): string {
  if (id === undefined) return '';
  const agency = names.agency(id);
  return agency === undefined ? id : nameOfAgency(agency, names.language);
}

export function eventText(message: Pick<Message, 'author' | 'body' | 'meta'>, names: Names, t: TFunction): string {
  const code = message.body;
  if (!(EVENT_CODES as readonly string[]).includes(code)) return t('event.unknownCode', { code });
  const meta = message.meta ?? {};
  const params: Record<string, string> = {
    ...meta,
    actor: actorName(message.author, names, t),
  };
  if (meta.to !== undefined) params.to = code === 'assigned' ? (names.staff(meta.to) ?? t('thread.unknownStaff')) : meta.to;
  if (code === 'transferred_out' || code === 'transferred_in') {
    params.from = agencyName(meta.from, names);
    params.to = agencyName(meta.to, names);
    params.reason = meta.reason === undefined ? '' : t(`transferReason.${meta.reason}`);
  }
  if (code === 'priority_changed') {
    params.from = meta.from === undefined ? '' : t(`priority.${meta.from}`);
    params.to = meta.to === undefined ? '' : t(`priority.${meta.to}`);
  }
  if (code === 'outcome_set') {
    if (meta.outcome !== undefined) params.outcome = t(`outcome.${meta.outcome}`);
    // a decline always carries its reason; other steps may
    if (meta.reason !== undefined) return t('event.outcome_set_reason', isolateAll({ ...params, reason: meta.reason }));
  }
  if (code === 'escalated' && meta.cause !== undefined) params.cause = t(`escalationCause.${meta.cause}`);
  // counts and ratings in the language's own digits
  for (const key of ['count', 'rating'] as const) {
    const value = Number(meta[key]);
    if (meta[key] !== undefined && Number.isFinite(value)) params[key] = formatNumber(value, names.language);
  }
  if (code === 'tagged' || code === 'untagged') params.tags = (meta.tags ?? '').split(',').join(names.language === 'ar' ? '، ' : ', ');
  return t(`event.${code}`, isolateAll(params));
}
