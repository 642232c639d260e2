// Reference numbering, password hashing, login throttling, the socket token bucket and the
// CLI's argument checks.
import { describe, expect, it } from 'vitest';
import { formatCaseRef } from '../../../shared/domain';
import { createLoginLimiter } from '../../../server/auth/login-limiter';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { parseCli, parseSocketRate, UsageError } from '../../../server/cli-args';
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
  it('blocks a username after its failures, forgets them after the window or a success', () => {
    const limiter = createLoginLimiter({ perUser: 3, perAddress: 10, windowMs: 1_000 });
    for (let i = 0; i < 3; i++) limiter.recordFailure('Ali', '10.0.0.1', 100);
    expect(limiter.blocked('ali', '10.0.0.2', 200)).toBe(true);
    expect(limiter.blocked('sara', '10.0.0.2', 200)).toBe(false);
    expect(limiter.blocked('ali', '10.0.0.2', 1_200)).toBe(false);
    limiter.recordFailure('ali', '10.0.0.1', 2_000);
    limiter.recordSuccess('ali');
    expect(limiter.blocked('ali', '10.0.0.2', 2_001)).toBe(false);
  });

  it('blocks an address spraying many usernames', () => {
    const limiter = createLoginLimiter({ perUser: 3, perAddress: 5, windowMs: 1_000 });
    for (let i = 0; i < 5; i++) limiter.recordFailure(`user${i}`, '10.0.0.9', 0);
    expect(limiter.blocked('someone-else', '10.0.0.9', 1)).toBe(true);
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
});
