// The citizen token of a case: handed to the app or portal that filed the request, and needed
// (in `x-citizen-token`) to message, reopen or rate it through another channel. Before, any
// channel key could act on any case by its reference. The channel that filed a case may still
// act on it without one (its app holds the case already). The token is an HMAC of the case id
// under the server's key (TAWASUL_CITIZEN_TOKEN_KEY), so every node and restart agree without
// storing anything; unset, each process makes its own and tokens last as long as it does.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type CitizenTokens = {
  issue(caseId: string): string;
  verify(caseId: string, token: string): boolean;
};

export function createCitizenTokens(key: string | undefined): CitizenTokens {
  const secret = key === undefined || key === '' ? randomBytes(32) : Buffer.from(key, 'utf8');
  const issue = (caseId: string) => createHmac('sha256', secret).update(`tawasul citizen token v1\n${caseId}`).digest('base64url');
  return {
    issue,
    verify(caseId, token) {
      const expected = Buffer.from(issue(caseId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
