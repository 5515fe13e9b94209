import { describe, expect, it } from 'vitest';
import { guardLoopback, tokenCookieName } from '../../../electron/host/http/loopbackGuard';

const host = '127.0.0.1:4321';
const token = 'secret-token-of-this-run';
const inner = async (request: Request) => new Response(`inner ${new URL(request.url).pathname}`);
const guarded = guardLoopback(inner, { token, host });

function request(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Request {
  return new Request(`http://${host}${path}`, { ...init, headers: { host, ...headers } });
}

describe('browser mode guard', () => {
  it('trades the token in the printed address for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const response = await guarded(request(`/?token=${token}&x=1`));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?x=1');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${tokenCookieName}=${token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('lets requests with the cookie through', async () => {
    const response = await guarded(request('/api/session', { cookie: `other=1; ${tokenCookieName}=${token}` }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('inner /api/session');
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await guarded(request('/api/session'))).status).toBe(401);
    expect((await guarded(request('/api/session', { cookie: `${tokenCookieName}=guess` }))).status).toBe(401);
    expect((await guarded(request('/?token=guess'))).status).toBe(401);
  });

  it('refuses a Host header other than its own loopback address and port (DNS rebinding)', async () => {
    const cookie = `${tokenCookieName}=${token}`;
    expect((await guarded(request('/', { cookie, host: 'evil.example:4321' }))).status).toBe(403);
    expect((await guarded(request('/', { cookie, host: 'localhost:4321' }))).status).toBe(403);
    expect((await guarded(request('/', { cookie, host: '127.0.0.1:9999' }))).status).toBe(403);
  });

  it('refuses cross-origin requests and never sends CORS headers', async () => {
    const cookie = `${tokenCookieName}=${token}`;
    const foreign = await guarded(request('/api/session', { cookie, origin: 'http://evil.example' }, { method: 'POST', body: '{}' }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await guarded(request('/api/session', { cookie, origin: `http://${host}` }, { method: 'POST', body: '{}' }));
    expect(own.status).toBe(200);
  });
});
