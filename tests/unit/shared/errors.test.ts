import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CodedError, describeZodIssues, ERROR_CODES, isErrorCode, toWireError, wireErrorSchema } from '../../../shared/errors';

describe('the closed list of error codes', () => {
  it('names each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('lets a wire error through only with a code of the list', () => {
    expect(wireErrorSchema.safeParse({ code: 'not_found', message: 'no case', params: { caseId: 'c1' } }).success).toBe(true);
    expect(wireErrorSchema.safeParse({ code: 'invalid_credentials', message: 'an alias nothing emits' }).success).toBe(false);
    expect(wireErrorSchema.safeParse({ code: 'not_found' }).success).toBe(false);
    expect(isErrorCode('conflict')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('carries its code and details through the wire and back', () => {
    const refused = new CodedError('changed_since', 'someone changed it', { ref: 'TW-2026-00000001' });
    const wire = refused.toWire();
    expect(wire).toEqual({ code: 'changed_since', message: 'someone changed it', params: { ref: 'TW-2026-00000001' } });
    const again = CodedError.from(wireErrorSchema.parse(JSON.parse(JSON.stringify(wire))));
    expect(again).toBeInstanceOf(CodedError);
    expect([again.code, again.message, again.params]).toEqual(['changed_since', 'someone changed it', { ref: 'TW-2026-00000001' }]);
    expect(new CodedError('gone', 'gone').toWire()).toEqual({ code: 'gone', message: 'gone' });
  });

  it('turns anything else thrown into internal, with the caller’s words when given', () => {
    expect(toWireError(new CodedError('offline', 'offline'))).toEqual({ code: 'offline', message: 'offline' });
    expect(toWireError(new Error('disk full'))).toEqual({ code: 'internal', message: 'disk full' });
    expect(toWireError(new Error('SELECT … failed'), 'the server could not complete this request')).toEqual({
      code: 'internal',
      message: 'the server could not complete this request',
    });
    expect(toWireError('a string')).toEqual({ code: 'internal', message: 'a string' });
  });
});

describe('the one wording of zod issues', () => {
  const schema = z.object({ caseId: z.string(), limit: z.number().max(10), filter: z.object({ tag: z.string() }) });

  it('names each field by its path, the first three only', () => {
    const issues = schema.safeParse({ caseId: 4, limit: 11, filter: { tag: 1 } }).error!.issues;
    const words = describeZodIssues(issues);
    expect(words.split('; ')).toHaveLength(3);
    expect(words).toMatch(/^caseId: .+; limit: .+; filter\.tag: .+$/);
    expect(describeZodIssues(issues, 1)).toMatch(/^caseId: [^;]+$/);
  });

  it('words an issue of the whole value without a path', () => {
    expect(describeZodIssues([{ path: [], message: 'too short' }])).toBe('too short');
    expect(describeZodIssues([{ path: ['citizen', 0, 'name'], message: 'required' }])).toBe('citizen.0.name: required');
    expect(describeZodIssues([])).toBe('invalid');
  });
});
