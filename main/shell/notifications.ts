// The OS notification for a case newly assigned to the user.
import { deskEvents } from '../../shared/desk-api';

export function describeAssignment(payload: unknown): { title: string; body: string } | null {
  const parsed = deskEvents['case.assignedToMe'].safeParse(payload);
  if (!parsed.success) return null;
  // The main process does not know the UI language, so the title carries both.
  return { title: `${parsed.data.ref} · New case for you · قضية جديدة لك`, body: parsed.data.subject };
}
