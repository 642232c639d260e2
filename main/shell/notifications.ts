// The OS notification for a case newly assigned to the user, worded in the language the UI
// shows (the core adds it to the event from the renderer's `ui.language`): an Arabic desk is
// told in Arabic, an English one in English, not both at once.
import { deskEvents } from '../../shared/desk-api';
import type { Language } from '../../shared/domain';

const NEW_CASE_FOR_YOU: Record<Language, string> = { en: 'New case for you', ar: 'طلب جديد لك' };

export function describeAssignment(payload: unknown): { title: string; body: string } | null {
  const parsed = deskEvents['case.assignedToMe'].safeParse(payload);
  if (!parsed.success) return null;
  const { ref, subject, language } = parsed.data;
  // the reference is isolated: a Latin run at the head of an Arabic title keeps its place
  return { title: `\u2068${ref}\u2069 · ${NEW_CASE_FOR_YOU[language]}`, body: subject };
}
