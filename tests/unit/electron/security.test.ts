import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fake = await import('./electron-fake');
  return { shell: fake.shell };
});

const { CONTENT_SECURITY_POLICY, hardenSession, isAllowedExternalLink } = await import('../../../main/shell/security');
const { fakeSession } = await import('./electron-fake');

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(session.permissionCheck!({}, 'media')).toBe(false);
  });

  it('adds a strict Content-Security-Policy to every response', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const callback = vi.fn();
    session.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    const headers = (callback.mock.calls[0][0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['X-Other']).toEqual(['1']);
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it('allows external links only over https to listed hosts', () => {
    expect(isAllowedExternalLink('https://www.bahrain.bh/x')).toBe(true);
    expect(isAllowedExternalLink('https://www.bahrain.bh.evil.example/')).toBe(false);
    expect(isAllowedExternalLink('http://www.bahrain.bh/')).toBe(false);
    expect(isAllowedExternalLink('smb://host/share')).toBe(false);
  });
});
