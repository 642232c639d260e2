// `templates.save` and `templates.archive`: supervisors manage their agency's reply templates,
// admins any agency's and the national ones; agents and the call centre are refused. Each change
// is one transaction with an audit row; after the commit the desks that receive the pair are
// told `reference.changed` (an agency's room; national: everyone) and fetch reference data again.
import type { Language, Staff } from '../../shared/domain';
import type { TemplatePair } from '../../shared/protocol';
import type { templateSaveRequestSchema } from '../../shared/protocol';
import { unknownPlaceholders } from '../../shared/templates';
import type { z } from 'zod';
import { isUniqueViolation } from '../admin/queries';
import { nextId } from '../ids';
import { MutationRefused } from '../mutations/errors';
import { findAgency } from '../store/reference';
import type { Tx } from '../store/db';
import { archiveHalves, auditTemplateChange, clashingScope, insertHalf, pairRows, renameHalves, updateHalf } from '../store/templates';
import type { HandlerDeps } from './handlers';
import { currentStaff } from './session-watch';
import type { DeskSocket } from './types';

const LANGUAGES: readonly Language[] = ['ar', 'en'];

/** Who may change the templates of `agencyId` (null: the national ones). */
export function authoriseTemplates(staff: Staff, agencyId: string | null): void {
  if (staff.role === 'admin') return;
  if (staff.role !== 'supervisor') {
    throw new MutationRefused('forbidden', 'reply templates are managed by supervisors and admins');
  }
  if (agencyId === null) throw new MutationRefused('forbidden', 'national templates are managed by admins');
  if (staff.agencyId !== agencyId) {
    throw new MutationRefused('forbidden', `you may not manage the templates of ${agencyId}`, { agencyId });
  }
}

/** Refuses a body naming a placeholder the renderer does not know, naming them all. */
function checkPlaceholders(request: z.output<typeof templateSaveRequestSchema>): void {
  for (const language of LANGUAGES) {
    const half = request[language];
    if (half === null) continue;
    const unknown = [...new Set(unknownPlaceholders(half.body))];
    if (unknown.length > 0) {
      const names = unknown.join(', ');
      throw new MutationRefused('unknown_placeholder', `unknown placeholders in the ${language === 'ar' ? 'Arabic' : 'English'} text: ${names}`, { names, language });
    }
  }
}

function codeTaken(code: string, clash: string | null): MutationRefused {
  return clash === null
    ? new MutationRefused('code_taken', `a national template already has the code ${code}`, { code, scope: 'national' })
    : new MutationRefused('code_taken', `a template of ${clash} already has the code ${code}`, { code, scope: clash });
}

async function savePair(tx: Tx, request: z.output<typeof templateSaveRequestSchema>, actor: Staff, now: number): Promise<{ created: boolean }> {
  const { agencyId, code, previousCode, kinds } = request;
  const sourceCode = previousCode ?? code;
  const source = await pairRows(tx, agencyId, sourceCode);
  const created = previousCode === null;
  if (created && source.some((r) => !r.archived)) throw codeTaken(code, agencyId);
  if (!created && !source.some((r) => !r.archived)) {
    throw new MutationRefused('not_found', `no template ${previousCode}`, { code: previousCode });
  }
  if (code !== sourceCode && (await pairRows(tx, agencyId, code)).length > 0) throw codeTaken(code, agencyId);
  const clash = await clashingScope(tx, agencyId, code);
  if (clash !== undefined) throw codeTaken(code, clash);

  // a rename takes the archived halves along, so the pair stays one (agency, code)
  if (code !== sourceCode) await renameHalves(tx, source.map((r) => r.template.id), code);
  for (const language of LANGUAGES) {
    const half = request[language];
    const row = source.find((r) => r.template.language === language);
    if (half === null) {
      if (row !== undefined) await archiveHalves(tx, [row.template.id]);
    } else if (row === undefined) {
      await insertHalf(tx, nextId(now), agencyId, code, language, kinds, half);
    } else {
      await updateHalf(tx, row.template.id, code, kinds, half);
    }
  }
  await auditTemplateChange(tx, {
    id: nextId(now),
    staffId: actor.id,
    at: now,
    action: 'templates.save',
    detail: { agencyId, code, previousCode, created, languages: LANGUAGES.filter((l) => request[l] !== null) },
  });
  return { created };
}

export function registerTemplateHandlers(socket: DeskSocket, deps: Pick<HandlerDeps, 'store' | 'serve' | 'referenceChanged'>): void {
  const { store, serve } = deps;

  /** the session may have ended since the handshake (deactivated, role changed) */
  async function actor(now: number): Promise<Staff> {
    const current = await currentStaff(store.db, socket, now);
    if (current === undefined) {
      setImmediate(() => socket.disconnect(true));
      throw new MutationRefused('unauthorized', 'the session has ended; sign in again');
    }
    return current;
  }

  async function checkAgency(tx: Tx, agencyId: string | null): Promise<void> {
    if (agencyId !== null && (await findAgency(tx, agencyId)) === undefined) {
      throw new MutationRefused('not_found', `no agency ${agencyId}`, { agencyId });
    }
  }

  async function livePair(agencyId: string | null, code: string): Promise<TemplatePair> {
    const rows = await store.transaction((tx) => pairRows(tx, agencyId, code));
    return { agencyId, code, templates: rows.filter((r) => !r.archived).map((r) => r.template) };
  }

  serve('templates.save', async (request): Promise<TemplatePair> => {
    const now = Date.now();
    const staff = await actor(now);
    authoriseTemplates(staff, request.agencyId);
    checkPlaceholders(request);
    try {
      await store.transaction(async (tx) => {
        await checkAgency(tx, request.agencyId);
        return savePair(tx, request, staff, now);
      });
    } catch (error) {
      // two people saving the same new code at once: the unique index refuses the second
      if (isUniqueViolation(error)) throw codeTaken(request.code, request.agencyId);
      throw error;
    }
    deps.referenceChanged(request.agencyId);
    return livePair(request.agencyId, request.code);
  });

  serve('templates.archive', async (request): Promise<TemplatePair> => {
    const now = Date.now();
    const staff = await actor(now);
    authoriseTemplates(staff, request.agencyId);
    await store.transaction(async (tx) => {
      const live = (await pairRows(tx, request.agencyId, request.code)).filter((r) => !r.archived);
      if (live.length === 0) throw new MutationRefused('not_found', `no template ${request.code}`, { code: request.code });
      await archiveHalves(tx, live.map((r) => r.template.id));
      await auditTemplateChange(tx, {
        id: nextId(now),
        staffId: staff.id,
        at: now,
        action: 'templates.archive',
        detail: { agencyId: request.agencyId, code: request.code, ids: live.map((r) => r.template.id) },
      });
    });
    deps.referenceChanged(request.agencyId);
    return { agencyId: request.agencyId, code: request.code, templates: [] };
  });
}
