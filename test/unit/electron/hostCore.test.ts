import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset, FsListing, HostError, Session } from '../../../shared/contract/hostApi';
import { makeTempDir } from '../../support/tempDir';
import { createTestHostCore } from '../../support/testHostCore';
import { fileFailure } from '../../../electron/host/hostFailure';

const origin = 'http://127.0.0.1:5555';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let core: HostCore;

const makeCore = (filesToOpen: string[] = []): Promise<HostCore> => createTestHostCore(temp.dir, home, filesToOpen);

const get = (url: string, init?: RequestInit) => core.fetch(new Request(`${origin}${url}`, init));
const post = (url: string, body: unknown) =>
  get(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

beforeEach(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'home');
  await mkdir(path.join(home, 'data', 'sub'), { recursive: true });
  await mkdir(path.join(home, 'data', 'folder.csv'));
  await mkdir(path.join(temp.dir, 'renderer'));
  await writeFile(path.join(temp.dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  await mkdir(path.join(temp.dir, 'datasets'));
  await writeFile(path.join(temp.dir, 'datasets', 'cities.csv'), 'name,pop\nParis,2100000\n');
  await writeFile(
    path.join(temp.dir, 'datasets', 'catalog.json'),
    JSON.stringify({ datasets: [{ file: 'cities.csv', title: 'Cities', description: 'Two cities', license: 'CC0' }] }),
  );
  await writeFile(path.join(home, 'data', 'sales 2024 é.csv'), 'a,b\n1,2\n');
  await writeFile(path.join(home, 'data', 'empty.csv'), '');
  await writeFile(path.join(home, 'data', 'notes.docx'), 'x');
  await writeFile(path.join(home, 'data', '.hidden.csv'), 'a\n1\n');
  await writeFile(path.join(temp.dir, 'outside.csv'), 'secret\n1\n');
  core = await makeCore();
});

afterEach(async () => {
  core.close();
  await temp.cleanup();
});

describe('host core: session and renderer', () => {
  it('lists the shipped samples with their titles and licences', async () => {
    const session = (await (await get('/api/session')).json()) as Session;
    expect(session.mode).toBe('browser');
    expect(session.datasets).toEqual([
      expect.objectContaining({ fileName: 'cities.csv', origin: 'sample', title: 'Cities', license: 'CC0', format: 'csv' }),
    ]);
  });

  it('serves the renderer with a CSP that allows WebAssembly and nothing from other origins', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the browser keep content-hashed assets, and always asks again for the page that names them', async () => {
    await mkdir(path.join(temp.dir, 'renderer', 'assets'));
    await writeFile(path.join(temp.dir, 'renderer', 'assets', 'duckdb-eh-9ubY-jlA.wasm'), 'wasm');
    await writeFile(path.join(temp.dir, 'renderer', 'assets', 'unhashed.js'), 'x');
    const asset = await get('/assets/duckdb-eh-9ubY-jlA.wasm');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/unhashed.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    // A missing build file is a 404, never the page under a script's name (cached for a year).
    const missing = await get('/assets/missing-abcdefgh.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await get('/api/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as HostError).code).toBe('error.notFound');
  });
});

describe('host core: opening files', () => {
  it('opens a file inside the roots and serves its bytes', async () => {
    const response = await post('/api/datasets/open', { path: path.join(home, 'data', 'sales 2024 é.csv') });
    expect(response.status).toBe(200);
    const dataset = (await response.json()) as Dataset;
    expect(dataset).toMatchObject({ fileName: 'sales 2024 é.csv', format: 'csv', sizeBytes: 8, origin: 'opened' });
    const bytes = await get(`/api/datasets/${dataset.id}/content`);
    expect(bytes.headers.get('accept-ranges')).toBe('bytes');
    expect(await bytes.text()).toBe('a,b\n1,2\n');
  });

  it('opening the same file twice gives the same dataset', async () => {
    const file = path.join(home, 'data', 'sales 2024 é.csv');
    const first = (await (await post('/api/datasets/open', { path: file })).json()) as Dataset;
    const second = (await (await post('/api/datasets/open', { path: file })).json()) as Dataset;
    expect(second.id).toBe(first.id);
  });

  it.each([
    ['an empty file', 'data/empty.csv', 422, 'error.fileEmpty', '“empty.csv” is empty'],
    ['a folder', 'data/sub', 422, 'error.fileUnsupported', '“sub”'],
    ['a folder named like a data file', 'data/folder.csv', 422, 'error.fileIsDirectory', '“folder.csv” is a folder, not a file.'],
    ['a file of another kind', 'data/notes.docx', 422, 'error.fileUnsupported', 'not a file type Data Lab can open (CSV, TSV, Arrow, Parquet, JSON or a DuckDB database)'],
    ['a missing file', 'data/gone.csv', 404, 'error.fileNotFound', '“gone.csv” does not exist'],
  ])('refuses %s with a message naming it', async (_what, relative, status, code, text) => {
    const response = await post('/api/datasets/open', { path: path.join(home, relative) });
    expect(response.status).toBe(status);
    const body = (await response.json()) as HostError;
    expect(body.code).toBe(code);
    expect(body.error).toContain(text);
  });

  it('refuses files outside the roots, also through a symbolic link, exactly as missing ones (no existence oracle)', async () => {
    const outside = await post('/api/datasets/open', { path: path.join(temp.dir, 'outside.csv') });
    const missingOutside = await post('/api/datasets/open', { path: path.join(temp.dir, 'missing.csv') });
    expect(outside.status).toBe(404);
    expect(missingOutside.status).toBe(404);
    await symlink(path.join(temp.dir, 'outside.csv'), path.join(home, 'data', 'link.csv'));
    const linked = await post('/api/datasets/open', { path: path.join(home, 'data', 'link.csv') });
    expect(linked.status).toBe(404);
    expect(((await linked.json()) as HostError).code).toBe('error.fileNotFound');
  });

  it('refuses relative paths and malformed bodies with a validation error', async () => {
    const relative = await post('/api/datasets/open', { path: '../etc/passwd' });
    expect(relative.status).toBe(400);
    const malformed = await post('/api/datasets/open', { file: 3 });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as HostError).error).toMatch(/^The request was not valid: path:/);
    const badId = await get('/api/datasets/..%2F..%2Fetc/content');
    expect(badId.status).toBe(400);
  });

  it('explains a file it may not read', () => {
    // Tests run as root in CI, where no permission bit can refuse a read: check the mapping itself.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const failure = fileFailure(denied, 'locked.csv');
    expect(failure.status).toBe(403);
    expect(failure.message).toBe('“locked.csv” cannot be read: permission denied.');
  });

  it('opens files named on the command line and reports the ones it cannot', async () => {
    core = await makeCore([path.join(home, 'data', 'sales 2024 é.csv'), path.join(home, 'data', 'empty.csv')]);
    const session = (await (await get('/api/session')).json()) as Session;
    expect(session.openAtStart).toHaveLength(1);
    const opened = session.datasets.find((d) => d.id === session.openAtStart[0]);
    expect(opened?.fileName).toBe('sales 2024 é.csv');
    expect(session.startupErrors).toEqual([expect.objectContaining({ message: expect.stringContaining('empty.csv') })]);
  });

  it('says so when a file disappears after it was opened', async () => {
    const file = path.join(home, 'data', 'sales 2024 é.csv');
    const dataset = (await (await post('/api/datasets/open', { path: file })).json()) as Dataset;
    await import('node:fs/promises').then((fs) => fs.rm(file));
    const response = await get(`/api/datasets/${dataset.id}/content`);
    expect(response.status).toBe(409);
    expect(((await response.json()) as HostError).error).toContain('changed or disappeared');
  });
});

describe('host core: byte ranges', () => {
  let id: string;
  beforeEach(async () => {
    await writeFile(path.join(home, 'data', 'digits.csv'), '0123456789');
    id = ((await (await post('/api/datasets/open', { path: path.join(home, 'data', 'digits.csv') })).json()) as Dataset).id;
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await get(`/api/datasets/${id}/content`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10');
    expect(await response.text()).toBe('');
  });

  it.each([
    ['bytes=2-4', '234', 'bytes 2-4/10'],
    ['bytes=7-', '789', 'bytes 7-9/10'],
    ['bytes=-2', '89', 'bytes 8-9/10'],
    ['bytes=0-', '0123456789', 'bytes 0-9/10'],
    ['bytes=8-100', '89', 'bytes 8-9/10'],
  ])('serves %s as a partial response', async (range, body, contentRange) => {
    const response = await get(`/api/datasets/${id}/content`, { headers: { Range: range } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(contentRange);
    expect(await response.text()).toBe(body);
  });

  it('answers 416 for a range past the end', async () => {
    const response = await get(`/api/datasets/${id}/content`, { headers: { Range: 'bytes=10-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */10');
  });
});

describe('host core: file browser', () => {
  it('lists folders first, then files, hiding dot-files and marking what can be opened', async () => {
    const response = await get(`/api/fs/list?${new URLSearchParams({ path: path.join(home, 'data') })}`);
    const listing = (await response.json()) as FsListing;
    expect(listing.entries.map((e) => [e.name, e.kind, e.openable])).toEqual([
      ['folder.csv', 'directory', false],
      ['sub', 'directory', false],
      ['empty.csv', 'file', true],
      ['notes.docx', 'file', false],
      ['sales 2024 é.csv', 'file', true],
    ]);
    expect(listing.parent).toBe(home);
  });

  it('does not offer a way above the roots', async () => {
    const listing = (await (await get(`/api/fs/list?${new URLSearchParams({ path: home })}`)).json()) as FsListing;
    expect(listing.parent).toBeNull();
    const outside = await get(`/api/fs/list?${new URLSearchParams({ path: temp.dir })}`);
    const missing = await get(`/api/fs/list?${new URLSearchParams({ path: path.join(temp.dir, 'no-such-folder') })}`);
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    // Same code, same wording pattern: the answer does not tell an existing folder from a missing one.
    expect(((await outside.json()) as HostError).code).toBe(((await missing.json()) as HostError).code);
  });

  it('says what a typed path names, with one answer for a path outside the roots and a missing one', async () => {
    const kindOf = async (p: string) => {
      const response = await get(`/api/fs/kind?${new URLSearchParams({ path: p })}`);
      expect(response.status, p).toBe(200);
      return ((await response.json()) as { kind: string }).kind;
    };
    expect(await kindOf(path.join(home, 'data'))).toBe('directory');
    expect(await kindOf(path.join(home, 'data', 'sales 2024 é.csv'))).toBe('file');
    expect(await kindOf(path.join(home, 'data', 'no-such.csv'))).toBe('missing');
    expect(await kindOf(path.join(temp.dir, 'outside.csv'))).toBe('missing');
    expect(await kindOf(`${home}/../outside.csv`)).toBe('missing');
    // A path not typed in full is refused, as listing refuses it, with the full path it likely meant.
    const relative = await get(`/api/fs/kind?${new URLSearchParams({ path: 'data' })}`);
    expect(relative.status).toBe(400);
    expect(((await relative.json()) as HostError).code).toBe('files.notFullPath');
  });

  it('makes a new folder for an export inside the folder shown, and never outside the roots or over one that exists', async () => {
    const parent = path.join(home, 'data');
    const made = await post('/api/fs/folders', { parent, name: 'exports 2026 é' });
    expect(made.status).toBe(200);
    const listing = (await made.json()) as FsListing;
    expect(listing.path).toBe(path.join(parent, 'exports 2026 é'));
    expect((await stat(listing.path)).isDirectory()).toBe(true);

    const again = await post('/api/fs/folders', { parent, name: 'exports 2026 é' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as HostError).code).toBe('files.folderExists');
    // A name is one segment: no way up, no separator, no NUL.
    for (const name of ['..', '.', 'a/b', 'a\\b', '../escape', 'nul\u0000byte', '']) {
      expect((await post('/api/fs/folders', { parent, name })).status, name).toBe(400);
    }
    // Not in the app's own folders, though the samples are one of the places.
    const roots = (await (await get('/api/fs/roots')).json()) as { label: string; path: string }[];
    const samples = roots.find((root) => root.label === 'files.rootSamples');
    expect(samples).toBeDefined();
    const inApp = await post('/api/fs/folders', { parent: samples!.path, name: 'planted' });
    expect(inApp.status).toBe(403);
    await expect(stat(path.join(samples!.path, 'planted'))).rejects.toThrow();
    const outside = await post('/api/fs/folders', { parent: temp.dir, name: 'planted' });
    expect(outside.status).toBe(404);
    await expect(stat(path.join(temp.dir, 'planted'))).rejects.toThrow();
  });
});

describe('host core: workspace', () => {
  const workspace = {
    version: 1 as const,
    tabs: [{ id: 't1', title: 'Query 1', sql: 'SELECT 42;' }],
    activeTabId: 't1',
  };
  const run = { sql: 'SELECT 42', at: '2026-01-01T00:00:00.000Z', ok: true, rowCount: 1, elapsedMs: 3 };

  it('keeps tabs and history (in their own files) across host restarts, written without leaving temporary files', async () => {
    const put = await get('/api/workspace', { method: 'PUT', body: JSON.stringify(workspace), headers: { 'Content-Type': 'application/json' } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { revision: number }).revision).toBeGreaterThan(0);
    expect((await post('/api/history', run)).status).toBe(204);
    core = await makeCore();
    const loaded = (await (await get('/api/workspace')).json()) as { workspace: unknown };
    expect(loaded.workspace).toEqual(workspace);
    expect(await (await get('/api/history')).json()).toEqual({ entries: [run] });
    expect((await readdir(path.join(temp.dir, 'data'))).sort()).toEqual(['history.json', 'workspace.json']);
  });

  it('takes over the history of a workspace saved before the history had its own file', async () => {
    await mkdir(path.join(temp.dir, 'data'), { recursive: true });
    await writeFile(path.join(temp.dir, 'data', 'workspace.json'), JSON.stringify({ ...workspace, history: [run] }));
    expect(await (await get('/api/history')).json()).toEqual({ entries: [run] });
    expect(((await (await get('/api/workspace')).json()) as { workspace: unknown }).workspace).toEqual(workspace);
  });

  it('applies a closing patch against a saved revision: a 300 KiB workspace saves its last edit in a body under 1 KiB', async () => {
    const { diffWorkspace } = await import('../../../shared/contract/workspacePatch');
    const big = { ...workspace, tabs: [{ id: 't1', title: 'Query 1', sql: `SELECT '${'x'.repeat(300 * 1024)}';` }] };
    const put = await get('/api/workspace', { method: 'PUT', body: JSON.stringify(big), headers: { 'Content-Type': 'application/json' } });
    const { revision } = (await put.json()) as { revision: number };
    const edited = { ...big, tabs: [{ ...big.tabs[0]!, sql: `${big.tabs[0]!.sql}\n-- last edit` }] };
    const patch = diffWorkspace(revision, big, edited);
    expect(JSON.stringify(patch).length).toBeLessThan(1024);
    expect((await post('/api/workspace/patch', patch)).status).toBe(200);
    const saved = JSON.parse(await readFile(path.join(temp.dir, 'data', 'workspace.json'), 'utf8')) as unknown;
    expect(saved).toEqual(edited);
    // A patch against a revision the host never saved is refused, not applied to the wrong text.
    const stale = await post('/api/workspace/patch', { ...patch, base: revision + 100 });
    expect(stale.status).toBe(409);
  });

  it('answers a reload that names the closing save once that save has landed, even when the reload asks first', async () => {
    const { diffWorkspace } = await import('../../../shared/contract/workspacePatch');
    const put = await get('/api/workspace', { method: 'PUT', body: JSON.stringify(workspace), headers: { 'Content-Type': 'application/json' } });
    const { revision } = (await put.json()) as { revision: number };
    const edited = { ...workspace, tabs: [{ ...workspace.tabs[0]!, sql: 'SELECT 2 -- typed just before the reload' }] };
    // The new page's request reaches the host before the old page's closing save.
    const reloaded = get('/api/workspace?closingSave=3f1c-reload');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post('/api/workspace/patch?closingSave=3f1c-reload', diffWorkspace(revision, workspace, edited))).status).toBe(200);
    expect(((await (await reloaded).json()) as { workspace: unknown }).workspace).toEqual(edited);
    // Once landed, asking again is answered at once; an id the host cannot take is refused.
    expect(((await (await get('/api/workspace?closingSave=3f1c-reload')).json()) as { workspace: unknown }).workspace).toEqual(edited);
    expect((await get('/api/workspace?closingSave=..%2F..%2Fetc')).status).toBe(400);
  });

  it('answers a reload whose closing save was refused at once, with the workspace as saved', async () => {
    await get('/api/workspace', { method: 'PUT', body: JSON.stringify(workspace), headers: { 'Content-Type': 'application/json' } });
    const reloaded = get('/api/workspace?closingSave=stale-one');
    const stale = await post('/api/workspace/patch?closingSave=stale-one', { base: 999, workspace: { ...workspace, tabs: [] } });
    expect(stale.status).toBe(409);
    const started = performance.now();
    expect(((await (await reloaded).json()) as { workspace: unknown }).workspace).toEqual(workspace);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('leaves out a page’s debounced save that lands after its closing save: the last edit stays on disk and comes back', async () => {
    const { diffWorkspace } = await import('../../../shared/contract/workspacePatch');
    const put = (body: unknown, query: string) => get(`/api/workspace?${query}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    const page = '6f0c2a9e-page-a';
    const first = await put(workspace, `page=${page}&seq=1`);
    const { revision } = (await first.json()) as { revision: number };
    // The page sends its debounced save (seq 2), the user types on, and the page closes: its
    // closing save (seq 3, a patch against the last revision the page saw saved) gets there first.
    const older = { ...workspace, tabs: [{ ...workspace.tabs[0]!, sql: 'SELECT 2 -- debounced' }] };
    const newest = { ...workspace, tabs: [{ ...workspace.tabs[0]!, sql: 'SELECT 3 -- typed just before closing' }] };
    const closing = await post(`/api/workspace/patch?page=${page}&seq=3&closingSave=c-3`, diffWorkspace(revision, workspace, newest));
    expect(await closing.json()).toEqual({ revision: revision + 1, superseded: false });
    const late = await put(older, `page=${page}&seq=2`);
    expect(late.status).toBe(200);
    expect(((await late.json()) as { superseded: boolean }).superseded).toBe(true);
    const file = path.join(temp.dir, 'data', 'workspace.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(newest);
    expect(((await (await get('/api/workspace?closingSave=c-3')).json()) as { workspace: unknown }).workspace).toEqual(newest);

    // Another page's saves (a second window, the reloaded page) are numbered apart and applied as they come.
    const reloaded = { ...newest, tabs: [{ ...newest.tabs[0]!, sql: 'SELECT 4 -- the next page' }] };
    expect(((await (await put(reloaded, 'page=second-page&seq=1')).json()) as { superseded: boolean }).superseded).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(reloaded);
    // The first page's late save stays left out; a save without an order (a script's) is applied.
    expect(((await (await put(older, `page=${page}&seq=2`)).json()) as { superseded: boolean }).superseded).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(reloaded);
    expect(((await (await put(workspace, '')).json()) as { superseded: boolean }).superseded).toBe(false);
    // An order is a page and a number, together.
    expect((await put(workspace, `page=${page}`)).status).toBe(400);
    expect((await put(workspace, `page=${page}&seq=0`)).status).toBe(400);
    expect((await put(workspace, 'page=..%2Fx&seq=9')).status).toBe(400);
  });

  it('rejects a malformed workspace and keeps the saved one', async () => {
    await get('/api/workspace', { method: 'PUT', body: JSON.stringify(workspace), headers: { 'Content-Type': 'application/json' } });
    const bad = await get('/api/workspace', { method: 'PUT', body: JSON.stringify({ version: 2 }), headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    const saved = JSON.parse(await readFile(path.join(temp.dir, 'data', 'workspace.json'), 'utf8')) as unknown;
    expect(saved).toEqual(workspace);
  });

  it('sets aside an unreadable workspace file instead of overwriting it', async () => {
    await mkdir(path.join(temp.dir, 'data'), { recursive: true });
    await writeFile(path.join(temp.dir, 'data', 'workspace.json'), '{ not json');
    const loaded = (await (await get('/api/workspace')).json()) as { workspace: { tabs: unknown[] }; recoveredFrom: string };
    expect(loaded.workspace.tabs).toEqual([]);
    expect(loaded.recoveredFrom).toMatch(/^workspace\.json\.unreadable-/);
    expect(await readdir(path.join(temp.dir, 'data'))).toEqual([loaded.recoveredFrom]);
  });
});

describe('host core: events', () => {
  it('pushes a dataset-opened event to subscribers for a file opened from outside the window', async () => {
    const response = await get('/api/events');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    await core.datasets.open(path.join(home, 'data', 'sales 2024 é.csv'), { announce: true });
    while (!text.includes('dataset-opened')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    expect(text).toContain('event: hello');
    expect(text).toMatch(/event: dataset-opened\ndata: .*sales 2024 é\.csv/);
  });
});
