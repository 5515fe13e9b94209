import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { guardLoopback } from '../../../electron/host/http/loopbackGuard';

const host = '127.0.0.1:4321';
const token = 'secret-token-of-this-run';
const inner = async (request: Request) => new Response(`inner ${new URL(request.url).pathname}`);
const guarded = guardLoopback(inner, { token, host });
const bearer = { authorization: `Bearer ${token}` };

function request(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Request {
  return new Request(`http://${host}${path}`, { ...init, headers: { host, ...headers } });
}

describe('browser mode guard', () => {
  it('serves the app shell without a token and never sets a cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/index.js', `/?token=${token}`]) {
      const response = await guarded(request(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('set-cookie'), path).toBeNull();
    }
  });

  it('lets API requests with the bearer token through', async () => {
    const response = await guarded(request('/api/session', bearer));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('inner /api/session');
  });

  it('refuses API requests without the token, with a wrong one, or with it anywhere but the header', async () => {
    expect((await guarded(request('/api/session'))).status).toBe(401);
    expect((await guarded(request('/api/session', { authorization: 'Bearer guess' }))).status).toBe(401);
    expect((await guarded(request('/api/session', { authorization: token }))).status).toBe(401);
    expect((await guarded(request('/api/session', { cookie: `datalab_token=${token}` }))).status).toBe(401);
    expect((await guarded(request(`/api/session?token=${token}`))).status).toBe(401);
  });

  it('reads one dataset’s bytes with that dataset’s key, and nothing else with it', async () => {
    const keyOf = (id: string): string => createHmac('sha256', token).update(id).digest('base64url');
    expect((await guarded(request(`/api/datasets/abc-1/content?key=${keyOf('abc-1')}`))).status).toBe(200);
    expect((await guarded(request(`/api/datasets/abc-1/content?key=${keyOf('abc-1')}`, {}, { method: 'HEAD' }))).status).toBe(200);
    // Another dataset, another route, another method, a key made with another secret: refused.
    expect((await guarded(request(`/api/datasets/abc-2/content?key=${keyOf('abc-1')}`))).status).toBe(401);
    expect((await guarded(request(`/api/datasets/abc-1/table?key=${keyOf('abc-1')}`))).status).toBe(401);
    expect((await guarded(request(`/api/session?key=${keyOf('abc-1')}`))).status).toBe(401);
    expect((await guarded(request(`/api/datasets/abc-1/content?key=${keyOf('abc-1')}`, {}, { method: 'POST' }))).status).toBe(401);
    const forged = createHmac('sha256', 'guess').update('abc-1').digest('base64url');
    expect((await guarded(request(`/api/datasets/abc-1/content?key=${forged}`))).status).toBe(401);
  });

  it('needs the token for every spelling of the API and for any method but GET and HEAD', async () => {
    for (const path of ['/api', '/API/session', '/%61pi/session', '//api/session', '/x/../api/session', '/%2e%2e/api/session', '/%E0%A4%A']) {
      expect((await guarded(request(path))).status, path).toBe(401);
    }
    expect((await guarded(request('/', {}, { method: 'POST', body: '{}' }))).status).toBe(401);
  });

  it('refuses a Host header other than its own loopback address and port (DNS rebinding)', async () => {
    expect((await guarded(request('/', { ...bearer, host: 'evil.example:4321' }))).status).toBe(403);
    expect((await guarded(request('/', { ...bearer, host: 'localhost:4321' }))).status).toBe(403);
    expect((await guarded(request('/api/session', { ...bearer, host: '127.0.0.1:9999' }))).status).toBe(403);
  });

  it('refuses cross-origin requests and never sends CORS headers', async () => {
    const foreign = await guarded(request('/api/session', { ...bearer, origin: 'http://evil.example' }, { method: 'POST', body: '{}' }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await guarded(request('/api/session', { ...bearer, origin: 'http://127.0.0.1:9999' }))).status).toBe(403);
    expect((await guarded(request('/api/session', { ...bearer, origin: 'null' }))).status).toBe(403);
    const own = await guarded(request('/api/session', { ...bearer, origin: `http://${host}` }, { method: 'POST', body: '{}' }));
    expect(own.status).toBe(200);
  });
});
