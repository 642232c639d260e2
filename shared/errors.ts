// The one closed list of error codes. Every refusal that crosses a boundary (socket acks, HTTP
// error bodies, DeskApi replies, outbox and undo refusals) carries one of these codes and one
// error type, `CodedError`, carries it in code. Callers branch on the code and the renderer
// words each code in both languages (renderer/src/actions/errors.ts): nothing matches on a
// message's text, which is English for logs only.
//
// Adding a code: add it here, then its texts in renderer/src/i18n/en.ts and ar.ts (a unit test
// fails until both languages word it).
import { z } from 'zod';

export const ERROR_CODES = [
  // ---- any call, on any transport ----
  /** the arguments do not match the method's schema (params: none; message names the field) */
  'invalid_args',
  /** no such method on this boundary */
  'unknown_method',
  /** a reply did not match the method's result schema */
  'bad_reply',
  /** a frame on the browser host's socket was not a well-formed call */
  'bad_frame',
  /** the caller may not do this: its role or agency, or an IPC call from a frame other than the app's page */
  'forbidden',
  /** the other side failed unexpectedly; the message is for logs */
  'internal',
  /** the server is shutting down or its store is unavailable: try again */
  'unavailable',
  /** too many requests in a short time */
  'rate_limited',
  /** the user already holds as many open desk connections as one node allows */
  'too_many_connections',
  /** a payload above the size limit */
  'too_large',
  /** an HTTP request the server could not read */
  'bad_request',
  // ---- reaching the core and the server ----
  /** the desk core's process stopped (Electron host) */
  'core_stopped',
  /** the browser host's socket is closed; it reconnects by itself */
  'host_unreachable',
  /** the case server could not be reached at all */
  'server_unreachable',
  /** the case server answered with an unexpected HTTP status */
  'server_error',
  /** an online-only request while the desk is offline (params.what) */
  'offline',
  /** the desk core is shutting down */
  'closed',
  /** reference data has not arrived from the server yet */
  'not_ready',
  // ---- sessions ----
  /** no one is signed in on this desk */
  'not_logged_in',
  /** wrong username or password */
  'bad_credentials',
  /** the session ended on the server (signed out elsewhere, deactivated, role changed, expired) */
  'unauthorized',
  /** an intake call without a valid channel key */
  'bad_channel_key',
  // ---- what is asked of a case or a template ----
  /** the case (or template) does not exist or is not visible to the caller */
  'not_found',
  /** someone changed it meanwhile, or an id is taken */
  'conflict',
  /** a desk page cursor this desk did not issue */
  'invalid_cursor',
  /** a template code already used (params.code) */
  'code_taken',
  /** a template names placeholders the desk does not know (params.names) */
  'unknown_placeholder',
  // ---- the lifecycle (shared/lifecycle.ts) ----
  /** not possible from the case's status (params.status, params.action) */
  'illegal_transition',
  'needs_assignee',
  'needs_reply',
  'not_a_suggestion',
  'rating_window_closed',
  'already_rated',
  'same_agency',
  'too_many_tags',
  'empty_body',
  /** a suggestion's outcome may not go from params.from to params.to (shared/lifecycle.ts OUTCOME_NEXT) */
  'outcome_transition',
  /** declining a suggestion needs a reason */
  'outcome_needs_reason',
  /** a mass-complaint action on a case that belongs to no group of complaints */
  'not_in_mass_group',
  // ---- undo (main/core/outbox) ----
  /** sent, and the server has not answered yet: try again when it has */
  'in_flight',
  /** sent to the server, and the action has no inverse (a message reached the citizen…) */
  'not_reversible',
  /** not known to the outbox or the journal: already undone, past the window, or sent before a restart */
  'gone',
  /** its inverse could have been sent, but the undo window has passed (params.seconds) */
  'window_passed',
  /** a case it touched was not cached when the user acted, so how it was is not known */
  'before_unknown',
  /** a case it touched has left this desk since (transferred or removed) */
  'case_left',
  /** someone else changed a case since (params.ref): the inverse would overwrite that */
  'changed_since',
  /** too many cases had no assignee before to unassign one by one (params.n, params.max) */
  'too_many_unassigned',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The shape of an error on every wire: the code, an English sentence for logs, the details it names. */
export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  params: z.record(z.string(), z.string()).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** The one error type: thrown by handlers, rebuilt by clients from a wire error. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string>;

  constructor(code: ErrorCode, message: string, params: Record<string, string> = {}) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.params = params;
  }

  static from(error: WireError): CodedError {
    return new CodedError(error.code, error.message, error.params ?? {});
  }

  toWire(): WireError {
    return Object.keys(this.params).length === 0
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, params: this.params };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Whatever was thrown, as a wire error: a CodedError keeps its code; anything else is
 * `internal`, with `internalMessage` when given (the server does not hand its failures' text
 * to a desk) or else the error's own message.
 */
export function toWireError(error: unknown, internalMessage?: string): WireError {
  if (error instanceof CodedError) return error.toWire();
  const message = internalMessage ?? (error instanceof Error ? error.message : String(error));
  return { code: 'internal', message };
}

type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/** The one wording of zod issues: `field.path: message; …`, the first few only. */
export function describeZodIssues(issues: readonly Issue[], max = 3): string {
  if (issues.length === 0) return 'invalid';
  return issues
    .slice(0, max)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
