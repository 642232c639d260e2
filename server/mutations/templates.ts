// Template changes through the one write path: in one transaction the idempotency claim (the
// request's mutation id), authorisation by the capability table (supervisors their agency's
// pairs, admins any and the national ones), the change and its audit row (the helpers every
// case mutation uses), then the stored result. The socket layer only relays.
import type { z } from 'zod';
import { templateScope, DENIAL_MESSAGES } from '../../shared/capabilities';
import type { Language, Staff } from '../../shared/domain';
import type { TemplatePair, templateArchiveRequestSchema, templateSaveRequestSchema } from '../../shared/protocol';
import { unknownPlaceholders } from '../../shared/templates';
import { isUniqueViolation } from '../admin/queries';
import { nextId } from '../ids';
import type { Store, Tx } from '../store/db';
import { findAgency } from '../store/reference';
import { archiveHalves, clashingScope, insertHalf, pairRows, renameHalves, updateHalf } from '../store/templates';
import { claimMutation, storeResult, writeAudit } from './claim';
import { MutationRefused } from './errors';

const LANGUAGES: readonly Language[] = ['ar', 'en'];

type SaveRequest = z.output<typeof templateSaveRequestSchema>;
type ArchiveRequest = z.output<typeof templateArchiveRequestSchema>;

export type TemplateChange = { name: 'templates.save'; request: SaveRequest } | { name: 'templates.archive'; request: ArchiveRequest };

/** Who may change the templates of `agencyId` (null: the national ones): the capability table. */
export function authoriseTemplates(staff: Staff, agencyId: string | null): void {
  const verdict = templateScope(staff, agencyId);
  if (!verdict.allowed) {
    throw new MutationRefused('forbidden', DENIAL_MESSAGES[verdict.reason], { reason: verdict.reason, ...(agencyId === null ? {} : { agencyId }) });
  }
}

/** Refuses a body naming a placeholder the renderer does not know, naming them all. */
function checkPlaceholders(request: SaveRequest): void {
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

/** Creates, updates or renames a pair; returns the audit detail. */
async function savePair(tx: Tx, request: SaveRequest, now: number): Promise<Record<string, unknown>> {
  const { agencyId, code, previousCode, kinds } = request;
  if (agencyId !== null && (await findAgency(tx, agencyId)) === undefined) {
    throw new MutationRefused('not_found', `no agency ${agencyId}`, { agencyId });
  }
  const sourceCode = previousCode ?? code;
  const source = await pairRows(tx, agencyId, sourceCode);
  const created = previousCode === null;
  if (created && source.some((r) => !r.archived)) throw codeTaken(code, agencyId);
  if (!created && !source.some((r) => !r.archived)) throw new MutationRefused('not_found', `no template ${previousCode}`, { code: previousCode });
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
  return { agencyId, code, previousCode, created, languages: LANGUAGES.filter((l) => request[l] !== null) };
}

async function archivePair(tx: Tx, request: ArchiveRequest): Promise<Record<string, unknown>> {
  const live = (await pairRows(tx, request.agencyId, request.code)).filter((r) => !r.archived);
  if (live.length === 0) throw new MutationRefused('not_found', `no template ${request.code}`, { code: request.code });
  await archiveHalves(tx, live.map((r) => r.template.id));
  return { agencyId: request.agencyId, code: request.code, ids: live.map((r) => r.template.id) };
}

async function livePair(tx: Tx, agencyId: string | null, code: string): Promise<TemplatePair> {
  const rows = await pairRows(tx, agencyId, code);
  return { agencyId, code, templates: rows.filter((r) => !r.archived).map((r) => r.template) };
}

/**
 * Applies a template change from `actor` once per mutation id (a request without one gets a
 * fresh id). `replayed`: the id was applied before and its stored pair is returned.
 */
export async function applyTemplateChange(store: Store, actor: Staff, change: TemplateChange, client: string, now = Date.now()): Promise<{ pair: TemplatePair; replayed: boolean }> {
  const { request } = change;
  authoriseTemplates(actor, request.agencyId);
  if (change.name === 'templates.save') checkPlaceholders(change.request);
  const id = request.mutationId ?? nextId(now);
  try {
    return await store.transaction(async (tx) => {
      const stored = await claimMutation(tx, id, actor.id, change.name, now);
      if (stored !== null) return { pair: JSON.parse(stored) as TemplatePair, replayed: true };
      const detail = change.name === 'templates.save' ? await savePair(tx, change.request, now) : await archivePair(tx, change.request);
      const code = change.request.code;
      const pair = change.name === 'templates.save' ? await livePair(tx, request.agencyId, code) : { agencyId: request.agencyId, code, templates: [] };
      await storeResult(tx, id, pair);
      await writeAudit(tx, store.dialect, { staffId: actor.id, client, action: change.name, detail: JSON.stringify({ mutationId: id, ...detail }) }, [null], now);
      return { pair, replayed: false };
    });
  } catch (error) {
    // two people saving the same new code at once: the unique index refuses the second
    if (change.name === 'templates.save' && isUniqueViolation(error)) throw codeTaken(change.request.code, change.request.agencyId);
    throw error;
  }
}
