/**
 * Browser mode attacked over real sockets: the built host core behind its loopback guard on
 * 127.0.0.1, as `npm run serve` runs it, hit by a client that sets any header it likes (node:http,
 * which lets a test send a foreign Host). Every case counts towards docs/security.md.
 */
import { request as httpRequest } from 'node:http';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/host/http/loopbackServer';
import { maxJsonBodyBytes } from '../../../shared/contract/hostApi';
import { makeTempDir } from '../../support/tempDir';
import { createTestHostCore } from '../../support/testHostCore';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let core: HostCore;
let served: LoopbackServer;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request; `headers.host` defaults to the server's own, `token` to the right one. */
function send(
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; token?: string | null } = {},
): Promise<Answer> {
  const token = options.token === undefined ? served.token : options.token;
  const [hostname, port] = served.host.split(':');
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port: Number(port),
        method,
        path: target,
        agent: false,
        headers: {
          host: served.host,
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          // The event stream never ends: its first event is enough.
          if (target.startsWith('/api/events')) res.destroy();
        });
        const done = (): void => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
        res.on('end', done);
        res.on('close', done);
      },
    );
    // The host may close the connection before a refused body is sent: that is the point.
    req.on('socket', (socket) => socket.on('error', () => undefined));
    req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? resolve({ status: -1, headers: {}, body: '' }) : reject(error)));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

beforeAll(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'home');
  await mkdir(path.join(home, 'data'), { recursive: true });
  await mkdir(path.join(temp.dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(temp.dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(temp.dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await mkdir(path.join(temp.dir, 'datasets'));
  await writeFile(path.join(home, 'data', 'sales.csv'), 'a,b\n1,2\n');
  await writeFile(path.join(temp.dir, 'secret.csv'), 'secret\n1\n');
  await symlink(path.join(temp.dir, 'secret.csv'), path.join(home, 'data', 'link.csv'));
  core = await createTestHostCore(temp.dir, home);
  served = await startLoopbackServer(core.fetch);
});

afterAll(async () => {
  served.server.closeAllConnections();
  await new Promise((resolve) => served.server.close(resolve));
  core.close();
  await temp.cleanup();
});

/** Every API route, with a body that would be valid, so only the credential decides. */
const routes: [string, string, string?][] = [
  ['GET', '/api/session'],
  ['GET', '/api/fs/roots'],
  ['GET', '/api/fs/list?path=%2F'],
  ['GET', '/api/fs/kind?path=%2Fetc%2Fpasswd'],
  ['POST', '/api/datasets/open', JSON.stringify({ path: '/etc/passwd' })],
  ['GET', '/api/datasets/00000000-0000-0000-0000-000000000000/content'],
  ['GET', '/api/datasets/00000000-0000-0000-0000-000000000000/table'],
  ['GET', '/api/datasets/00000000-0000-0000-0000-000000000000/footprint'],
  ['GET', '/api/datasets/00000000-0000-0000-0000-000000000000/conversion'],
  ['DELETE', '/api/datasets/00000000-0000-0000-0000-000000000000/conversion'],
  ['GET', '/api/native/spill'],
  ['GET', '/api/workspace'],
  ['PUT', '/api/workspace', JSON.stringify({ version: 1, tabs: [], activeTabId: null })],
  ['POST', '/api/workspace/patch', JSON.stringify({ base: 0, workspace: { version: 1, tabs: [], activeTabId: null } })],
  ['GET', '/api/history'],
  ['POST', '/api/history', JSON.stringify({ sql: 'SELECT 1', at: 'now', ok: true })],
  ['GET', '/api/events'],
  ['POST', '/api/native/start'],
  ['POST', '/api/native/statements', JSON.stringify({ sql: 'SELECT 1' })],
  ['POST', '/api/exports/destination', JSON.stringify({ destination: '/tmp/x.csv' })],
  ['POST', '/api/exports/staged', 'x'],
  ['POST', '/api/exports', JSON.stringify({ source: { kind: 'relation', relation: '(SELECT 1)' }, format: 'csv', destination: '/tmp/x.csv' })],
  ['GET', '/api/lab/grade/00000000-0000-4000-8000-000000000000'],
  ['POST', '/api/lab/grade/00000000-0000-4000-8000-000000000000/cancel'],
];

describe('hostile HTTP: credentials', () => {
  it.each(routes)('%s %s: no token, a wrong token, the token in a cookie or the query are all 401', async (method, target, body) => {
    const attempts = [
      { token: null },
      { token: 'wrong' },
      { token: `${served.token}x` },
      { token: null, headers: { cookie: `datalab_token=${served.token}` } },
    ];
    for (const attempt of attempts) expect((await send(method, target, { ...attempt, ...(body === undefined ? {} : { body }) })).status).toBe(401);
    const inQuery = `${target}${target.includes('?') ? '&' : '?'}token=${served.token}`;
    expect((await send(method, inQuery, { token: null, ...(body === undefined ? {} : { body }) })).status).toBe(401);
  });

  it('serves the app shell without a token, never with a cookie or the token in it', async () => {
    for (const target of ['/', `/?token=${served.token}`, '/assets/app.js', '/some/client/route']) {
      const answer = await send('GET', target, { token: null });
      expect(answer.status, target).toBe(200);
      expect(answer.headers['set-cookie'], target).toBeUndefined();
      expect(answer.body, target).not.toContain(served.token);
    }
  });

  it('lets the right token through', async () => {
    expect((await send('GET', '/api/session')).status).toBe(200);
  });
});

describe('hostile HTTP: foreign Host and Origin', () => {
  it.each([
    ['evil.example'],
    ['localhost'],
    ['127.0.0.1:1'],
    ['[::1]'],
    ['127.0.0.1.nip.io'],
  ])('a request naming Host %s is refused, even with the token', async (host) => {
    const named = host.includes(':') || host.startsWith('[') ? host : `${host}:${served.host.split(':')[1]}`;
    expect((await send('GET', '/api/session', { headers: { host: named } })).status).toBe(403);
    expect((await send('GET', '/', { headers: { host: named } })).status).toBe(403);
  });

  it.each([['http://evil.example'], ['http://127.0.0.1:1'], ['null'], ['http://localhost']])(
    'a request from origin %s is refused, even with the token, and gets no CORS header',
    async (origin) => {
      const answer = await send('POST', '/api/native/statements', { headers: { origin }, body: JSON.stringify({ sql: 'SELECT 1' }) });
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    },
  );
});

describe('hostile HTTP: traversal in every route', () => {
  const outside = (): string => path.join(temp.dir, 'secret.csv');
  it('the file browser answers 404 outside the roots, for files that exist and files that do not', async () => {
    for (const p of ['/', '/etc', temp.dir, `${home}/../`, outside(), path.join(temp.dir, 'nothing-here')]) {
      const answer = await send('GET', `/api/fs/list?${new URLSearchParams({ path: p })}`);
      expect(answer.status, p).toBe(404);
      expect(answer.body).not.toContain('"entries"');
    }
  });

  it('opening a dataset answers 404 outside the roots: dot segments, a link out, the samples folder’s neighbours', async () => {
    for (const p of [outside(), `${home}/data/../../secret.csv`, path.join(home, 'data', 'link.csv'), '/etc/passwd', '/proc/self/environ']) {
      const answer = await send('POST', '/api/datasets/open', { body: JSON.stringify({ path: p }) });
      expect([404, 422], p).toContain(answer.status);
      expect(answer.body).not.toContain('secret\n');
    }
  });

  it('dataset ids cannot name paths', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..', '%2e%2e', 'x%00y']) {
      const answer = await send('GET', `/api/datasets/${id}/content`);
      expect([400, 404], id).toContain(answer.status);
    }
  });

  it('the static files stay inside the renderer folder', async () => {
    for (const target of ['/../secret.csv', '/..%2fsecret.csv', '/assets/..%2f..%2fsecret.csv', '/%2e%2e/%2e%2e/secret.csv', '/assets/%2e%2e%5c%2e%2e%5csecret.csv']) {
      const answer = await send('GET', target, { token: null });
      expect(answer.body, target).not.toContain('secret\n1');
    }
  });

  it('export destinations outside the roots are 404, and nothing is written there', async () => {
    for (const destination of [path.join(temp.dir, 'x.csv'), `${home}/../x.csv`, path.join(home, 'data', 'link.csv', 'x.csv')]) {
      const check = await send('POST', '/api/exports/destination', { body: JSON.stringify({ destination, format: 'csv' }) });
      expect([404, 422], destination).toContain(check.status);
      const start = await send('POST', '/api/exports', {
        body: JSON.stringify({ source: { kind: 'relation', relation: '(SELECT 1 AS a)' }, format: 'csv', destination }),
      });
      expect([404, 422], destination).toContain(start.status);
    }
    expect(await readdir(temp.dir)).not.toContain('x.csv');
  });
});

describe('hostile HTTP: bodies', () => {
  it('refuses a body over the limit with 413, without reading it all', async () => {
    const oversized = Buffer.alloc(maxJsonBodyBytes + 1024, 0x20);
    const length = { 'content-length': String(oversized.length) };
    // Announced (refused from the header) and chunked (refused once the limit is crossed).
    for (const [method, target, headers] of [
      ['PUT', '/api/workspace', length],
      ['POST', '/api/native/statements', length],
      ['POST', '/api/datasets/open', {}],
    ] as const) {
      const answer = await send(method, target, { body: oversized, headers });
      expect([413, -1], target).toContain(answer.status);
    }
    // The host is still there.
    expect((await send('GET', '/api/session')).status).toBe(200);
  });

  it.each(routes.filter(([, , body]) => body !== undefined && !body.startsWith('x')))('%s %s: malformed JSON is a 400', async (method, target) => {
    for (const body of ['{', '{"a":', 'not json', '']) {
      const answer = await send(method, target, { body });
      expect(answer.status, `${target} ${JSON.stringify(body)}`).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'error.invalidRequest' });
    }
  });
});
