// Reference numbering, password hashing, login throttling, the socket token bucket and the
// CLI's argument checks.
import { describe, expect, it } from 'vitest';
import { formatCaseRef } from '../../../shared/domain';
import { DEFAULT_LOGIN_LIMITS, createLoginLimiter } from '../../../server/auth/login-limiter';
import { hashPassword, needsRehash, verifyPassword } from '../../../server/auth/passwords';
import { parseCli, parseSocketRate, parseSocketsPerUser, UsageError } from '../../../server/cli-args';
import { parseChannelKeys } from '../../../server/http/intake';
import { refYear } from '../../../shared/case-model';
import { createTokenBucket } from '../../../server/sockets/rate-limit';

describe('case references', () => {
  it('number within the Bahrain calendar year, eight digits', () => {
    expect(formatCaseRef(2026, 12_345)).toBe('TW-2026-00012345');
    // 22:00 UTC on 31 December is already 1 January in Bahrain (UTC+3)
    expect(refYear(Date.UTC(2026, 11, 31, 22, 0))).toBe(2027);
    expect(refYear(Date.UTC(2026, 11, 31, 20, 0))).toBe(2026);
  });
});

describe('passwords', () => {
  it('verify the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('tawasul-demo');
    const b = await hashPassword('tawasul-demo');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('tawasul-demo', a)).toBe(true);
    expect(await verifyPassword('tawasul-demo!', a)).toBe(false);
    expect(await verifyPassword('tawasul-demo', 'not-a-hash')).toBe(false);
  });
});

describe('login limiter', () => {
  const waitOf = (verdict: ReturnType<ReturnType<typeof createLoginLimiter>['check']>) => (verdict.allowed ? 0 : verdict.retryAfterMs);

  it('lets a few typos through, then doubles the wait of that user at that address', () => {
    const limiter = createLoginLimiter({ pairFreeFailures: 3, pairBaseDelayMs: 1_000, pairMaxDelayMs: 8_000, userFreeFailures: 100 });
    for (let i = 0; i < 2; i++) limiter.recordFailure('Ali', '10.0.0.1', 0);
    expect(limiter.check('ali', '10.0.0.1', 0)).toEqual({ allowed: true });
    limiter.recordFailure('ali', '10.0.0.1', 0);
    expect(limiter.check('ali', '10.0.0.1', 500)).toMatchObject({ allowed: false, reason: 'pair', retryAfterMs: 500 });
    expect(limiter.check('ali', '10.0.0.1', 1_000)).toEqual({ allowed: true });
    limiter.recordFailure('ali', '10.0.0.1', 1_000);
    expect(waitOf(limiter.check('ali', '10.0.0.1', 1_000))).toBe(2_000);
    limiter.recordFailure('ali', '10.0.0.1', 3_000);
    expect(waitOf(limiter.check('ali', '10.0.0.1', 3_000))).toBe(4_000);
    for (let i = 0; i < 10; i++) limiter.recordFailure('ali', '10.0.0.1', 7_000);
    expect(waitOf(limiter.check('ali', '10.0.0.1', 7_000))).toBe(8_000);
    // the same user elsewhere, and another user at this address, are not held back by it
    expect(limiter.check('ali', '10.0.0.2', 7_000)).toEqual({ allowed: true });
    expect(limiter.check('sara', '10.0.0.1', 7_000)).toEqual({ allowed: true });
  });

  it('slows a user guessed at from many addresses with growing, capped delays, never a lockout', () => {
    const limiter = createLoginLimiter({ userFreeFailures: 10, userBaseDelayMs: 2_000, userMaxDelayMs: 16_000, windowMs: 60 * 60_000 });
    for (let i = 0; i < 9; i++) limiter.recordFailure('ali', `10.1.0.${i}`, 0);
    expect(limiter.check('ali', '10.9.9.9', 0)).toEqual({ allowed: true });
    limiter.recordFailure('ali', '10.1.0.9', 0);
    expect(limiter.check('ali', '10.9.9.9', 0)).toMatchObject({ allowed: false, reason: 'user', retryAfterMs: 2_000 });
    limiter.recordFailure('ali', '10.1.0.10', 2_000);
    expect(waitOf(limiter.check('ali', '10.9.9.9', 2_000))).toBe(4_000);
    for (let i = 0; i < 20; i++) limiter.recordFailure('ali', `10.2.0.${i}`, 10_000);
    // capped: after the longest delay the user may try again, however many failures came before
    expect(waitOf(limiter.check('ali', '10.9.9.9', 10_000))).toBe(16_000);
    expect(limiter.check('ali', '10.9.9.9', 26_000)).toEqual({ allowed: true });
  });

  it('does not hold back a user at an address they signed in from by failures elsewhere', () => {
    const limiter = createLoginLimiter({ userFreeFailures: 10, userBaseDelayMs: 60_000, addressCeiling: 5 });
    limiter.recordSuccess('ali', '10.0.0.1', 0);
    for (let i = 0; i < 30; i++) limiter.recordFailure('ali', `10.3.0.${i}`, 1_000);
    expect(limiter.check('ali', '10.0.0.1', 1_000)).toEqual({ allowed: true });
    expect(limiter.check('ali', '10.4.0.1', 1_000)).toMatchObject({ allowed: false, reason: 'user' });
    // nor by a ceiling others filled at the same address
    for (let i = 0; i < 5; i++) limiter.recordFailure(`guess${i}`, '10.0.0.1', 1_000);
    expect(limiter.check('ali', '10.0.0.1', 1_000)).toEqual({ allowed: true });
    expect(limiter.check('sara', '10.0.0.1', 1_000)).toMatchObject({ allowed: false, reason: 'address' });
  });

  it('refuses an address spraying usernames only past a ceiling a call centre behind one NAT stays under', () => {
    const limiter = createLoginLimiter();
    // 300 call-centre agents behind one address, each mistyping twice at the start of a shift
    for (let agent = 0; agent < 300; agent++) for (let i = 0; i < 2; i++) limiter.recordFailure(`cc.agent${agent}`, '192.0.2.1', 1_000);
    expect(limiter.check('cc.agent301', '192.0.2.1', 1_000)).toEqual({ allowed: true });
    for (let i = 0; i < 2_000; i++) limiter.recordFailure(`spray${i}`, '198.51.100.7', 1_000);
    expect(limiter.check('cc.agent1', '198.51.100.7', 1_000)).toMatchObject({ allowed: false, reason: 'address' });
    expect(limiter.check('cc.agent1', '198.51.100.7', 1_000 + DEFAULT_LOGIN_LIMITS.windowMs)).toEqual({ allowed: true });
  });
});

describe('password hashes', () => {
  it('made with weaker scrypt parameters than today\'s are marked for rehash at login', async () => {
    const old = await hashPassword('tawasul-demo', { N: 16_384, r: 8, p: 1 });
    expect(await verifyPassword('tawasul-demo', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('scrypt$32768$8$3$c2FsdA$a2V5')).toBe(false);
    expect(needsRehash('not-a-hash')).toBe(true);
  });
});

describe('token bucket', () => {
  it('allows the burst, then the steady rate', () => {
    const bucket = createTokenBucket(10, 5);
    const t0 = Date.now();
    const first = Array.from({ length: 8 }, () => bucket.take(t0)).filter(Boolean).length;
    expect(first).toBe(5);
    expect(bucket.take(t0 + 100)).toBe(true);
    expect(bucket.take(t0 + 100)).toBe(false);
  });
});

describe('server command line', () => {
  it('has the documented defaults', () => {
    expect(parseCli([])).toEqual({ host: '127.0.0.1', port: 4610, dataDir: '.data/server', seed: null, seedOnly: false });
    expect(parseCli(['--seed', 'demo']).seed).toEqual({ cases: 155_000, password: 'tawasul-demo' });
    expect(parseCli(['--seed', 'demo', '--cases', '300', '--port', '0']).seed?.cases).toBe(300);
  });

  it('refuses bad arguments with a usage error', () => {
    for (const args of [['--port', '-1'], ['--port', '70000'], ['--cases', '10'], ['--seed', 'demo', '--cases', '1e3'], ['--what'], ['extra']]) {
      expect(() => parseCli(args), args.join(' ')).toThrow(UsageError);
    }
  });

  it('parses channel keys and refuses unknown channels', () => {
    expect(parseChannelKeys('app=a1, web=w2')).toEqual({ app: 'a1', web: 'w2' });
    expect(() => parseChannelKeys('fax=1')).toThrow(/fax/);
  });

  it('parses the socket rate limit from the environment, or off', () => {
    expect(parseSocketRate('100,400')).toEqual({ perSecond: 100, burst: 400 });
    expect(parseSocketRate('off').perSecond).toBeGreaterThan(1e6);
    for (const text of ['', '100', '0,5', '5,0', 'fast', '1,2,3']) expect(() => parseSocketRate(text), text).toThrow(UsageError);
  });

  it('parses how many sockets one user may hold from the environment', () => {
    expect(parseSocketsPerUser('8')).toBe(8);
    expect(parseSocketsPerUser('5000')).toBe(5_000);
    for (const text of ['', '0', '-1', '2.5', 'many', '1e3', '100001']) expect(() => parseSocketsPerUser(text), text).toThrow(UsageError);
  });
});
