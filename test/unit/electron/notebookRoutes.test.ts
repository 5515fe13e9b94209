import { mkdir, readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { NotebookFile } from '../../../shared/contract/notebookApi';
import type { Session } from '../../../shared/contract/hostApi';
import { createScratchHostCore, createTestHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { makeTempDir } from '../../support/tempDir';

let scratch: ScratchHostCore;
let home: string;
let core: HostCore;

const { send } = requestsTo(() => core);

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});

afterEach(async () => {
  await scratch.dispose();
});

describe('opening and saving notebooks', () => {
  it('opens a notebook by path and saves it back byte for byte (BOM, CRLF, French and Arabic)', async () => {
    const file = path.join(home, 'analyse.md');
    const text = '# Ventes — المبيعات\r\n\r\n```sql ventes\r\nSELECT 1 AS n\r\n```\r\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    await writeFile(file, bytes);

    const opened = await send('POST', '/api/notebooks/open', { path: file });
    expect(opened.status).toBe(200);
    const notebook = (await opened.json()) as NotebookFile;
    expect(notebook).toEqual({ path: file, fileName: 'analyse.md', text, bom: true, version: expect.stringMatching(/^[\d.]+:\d+$/), language: null, readOnly: false });

    const saved = await send('PUT', '/api/notebooks/file', { path: notebook.path, text: notebook.text, bom: notebook.bom, expectedVersion: notebook.version });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    // Nothing is left beside it (the temporary file was renamed).
    expect(await readdir(home)).toEqual(['analyse.md']);
  });

  it('saves a new notebook under a new name in a folder it may write', async () => {
    await mkdir(path.join(home, 'notes'));
    const target = path.join(home, 'notes', 'new.md');
    const saved = await send('PUT', '/api/notebooks/file', { path: target, text: '```sql a\nSELECT 1\n```\n', bom: false });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await readFile(target, 'utf8')).toBe('```sql a\nSELECT 1\n```\n');
  });

  it('Save as onto a file that is there replaces it only when the user said so', async () => {
    const target = path.join(home, 'report.md');
    await writeFile(target, '# Someone else’s notes\n');
    const asked = await send('PUT', '/api/notebooks/file', { path: target, text: '# Mine\n', bom: false });
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({ code: 'save.exists', error: '“report.md” already exists. Save again to replace it.' });
    expect(await readFile(target, 'utf8')).toBe('# Someone else’s notes\n');
    const replaced = await send('PUT', '/api/notebooks/file', { path: target, text: '# Mine\n', bom: false, overwrite: true });
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    expect(await readFile(target, 'utf8')).toBe('# Mine\n');
  });

  it('refuses what is not a notebook with a message, and changes nothing', async () => {
    await writeFile(path.join(home, 'data.csv'), 'a\n1\n');
    const notMd = await send('POST', '/api/notebooks/open', { path: path.join(home, 'data.csv') });
    expect(notMd.status).toBe(422);
    expect(await errorOf(notMd)).toContain('Markdown');

    await writeFile(path.join(home, 'junk.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]));
    const junk = await send('POST', '/api/notebooks/open', { path: path.join(home, 'junk.md') });
    expect(junk.status).toBe(422);
    expect(await errorOf(junk)).toContain('not a text notebook');

    await mkdir(path.join(home, 'folder.md'));
    const overFolder = await send('PUT', '/api/notebooks/file', { path: path.join(home, 'folder.md'), text: 'x', bom: false });
    expect(overFolder.status).toBe(422);

    const wrongExtension = await send('PUT', '/api/notebooks/file', { path: path.join(home, 'x.csv'), text: 'x', bom: false });
    expect(wrongExtension.status).toBe(422);
    expect(await readdir(home)).not.toContain('x.csv');
  });

  it('never saves into the app’s own folders (the samples folder is readable, not a place for notebooks)', async () => {
    const samples = path.join(scratch.dir, 'datasets');
    const sample = path.join(samples, 'exemple.md');
    await writeFile(sample, '# Exemple\n');
    const opened = await send('POST', '/api/notebooks/open', { path: sample });
    expect(opened.status, await opened.clone().text()).toBe(200);
    expect(((await opened.json()) as { readOnly?: boolean }).readOnly).toBe(true);

    const overSample = await send('PUT', '/api/notebooks/file', { path: sample, text: '# Changed\n', bom: false });
    expect(overSample.status).toBe(403);
    expect(await errorOf(overSample)).toContain('Data Lab’s own folders');
    expect(await readFile(sample, 'utf8')).toBe('# Exemple\n');

    const newInSamples = await send('PUT', '/api/notebooks/file', { path: path.join(samples, 'new.md'), text: 'x', bom: false });
    expect(newInSamples.status).toBe(403);
    expect(await readdir(samples)).toEqual(['exemple.md']);
  });

  it('neither reads nor writes outside the file roots', async () => {
    const outside = await makeTempDir();
    try {
      await writeFile(path.join(outside.dir, 'secret.md'), '# secret\n');
      const read = await send('POST', '/api/notebooks/open', { path: path.join(outside.dir, 'secret.md') });
      expect(read.status).toBe(404);
      const write = await send('PUT', '/api/notebooks/file', { path: path.join(outside.dir, 'planted.md'), text: 'x', bom: false });
      expect(write.status).toBe(404);
      expect(await readdir(outside.dir)).toEqual(['secret.md']);
      const relative = await send('PUT', '/api/notebooks/file', { path: 'planted.md', text: 'x', bom: false });
      expect(relative.status).toBe(400);
      // Said in words, with the full path the user most likely meant (the first place the file browser shows).
      expect(await relative.json()).toMatchObject({ code: 'files.notFullPath', error: expect.stringMatching(/^“planted\.md” is not a full path: type the folder too, for example \/.*planted\.md$/) });
    } finally {
      await outside.cleanup();
    }
  });
});

describe('notebooks named on the command line', () => {
  it('are listed by the session and open even outside the file roots; other paths there stay closed', async () => {
    const outside = await makeTempDir();
    const root = await makeTempDir();
    const named = path.join(outside.dir, 'cli.md');
    await writeFile(named, '# from the command line\n');
    await writeFile(path.join(outside.dir, 'other.md'), '# not named\n');
    await mkdir(path.join(root.dir, 'renderer'));
    await mkdir(path.join(root.dir, 'datasets'));
    const cliCore = await createTestHostCore(root.dir, home, [named, path.join(outside.dir, 'missing.md')]);
    const cli = requestsTo(() => cliCore);
    try {
      const session = (await (await cli.send('GET', '/api/session')).json()) as Session;
      expect(session.notebooksAtStart).toEqual([named]);
      expect(session.startupErrors.map((error) => error.message).join()).toContain('missing.md');
      const opened = await cli.send('POST', '/api/notebooks/open', { path: named });
      expect(((await opened.json()) as NotebookFile).text).toBe('# from the command line\n');
      expect((await cli.send('POST', '/api/notebooks/open', { path: path.join(outside.dir, 'other.md') })).status).toBe(404);
    } finally {
      cliCore.close();
      await outside.cleanup();
      await root.cleanup();
    }
  });
});

describe('DuckDB’s parser for the page', () => {
  it('names the tables a statement reads', async () => {
    const reply = await send('POST', '/api/notebooks/names-read', { sql: 'SELECT * FROM ventes v JOIN régions r USING (id) WHERE v.n > (SELECT max(n) FROM cibles)' });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { names: string[] }).names.sort()).toEqual(['cibles', 'régions', 'ventes']);
  });

  it('resolves a cell’s relative paths from the notebook’s folder, and the native engine reads them', async () => {
    await mkdir(path.join(home, 'study'));
    await writeFile(path.join(home, 'study', 'ventes.csv'), 'region,amount\nnord,3\nsud,4\n');
    const notebookPath = path.join(home, 'study', 'analyse.md');
    await writeFile(notebookPath, "```sql\nSELECT sum(amount) AS total FROM 'ventes.csv'\n```\n");
    const notebook = (await (await send('POST', '/api/notebooks/open', { path: notebookPath })).json()) as NotebookFile;

    const prepared = await send('POST', '/api/notebooks/prepare', { sql: "SELECT sum(amount) AS total FROM 'ventes.csv'", notebookPath: notebook.path });
    expect(prepared.status, await prepared.clone().text()).toBe(200);
    const { sql } = (await prepared.json()) as { sql: string };
    expect(sql).toContain(path.join(home, 'study', 'ventes.csv'));

    const ran = await send('POST', '/api/native/statements', { sql });
    expect(ran.status, await ran.clone().text()).toBe(200);
    const table = tableFromIPC(new Uint8Array(await ran.arrayBuffer()));
    expect(String(table.getChildAt(0)!.get(0))).toBe('7');
  });

  it('refuses statements that change something, and notebooks it did not open', async () => {
    const write = await send('POST', '/api/notebooks/prepare', { sql: 'CREATE TABLE t AS SELECT 1', notebookPath: null });
    expect(write.status).toBe(422);
    expect(await errorOf(write)).toContain('queries only');

    const syntax = await send('POST', '/api/notebooks/prepare', { sql: 'SELEC 1', notebookPath: null });
    expect(syntax.status).toBe(422);
    expect(await errorOf(syntax)).toContain('syntax error');

    const unknown = await send('POST', '/api/notebooks/prepare', { sql: 'SELECT 1', notebookPath: path.join(home, 'never.md') });
    expect(unknown.status).toBe(404);
  });
});

describe('unsaved edits kept for recovery', () => {
  it('are kept in the data folder, survive a restart of the host, skip damaged files, and are forgotten on request', async () => {
    const kept = { key: 'notebook-abc1', path: null, fileName: 'Untitled notebook', text: '# brouillon — مسودة\n', bom: false, savedAt: '2026-12-01T20:00:00Z' };
    expect((await send('PUT', '/api/notebooks/recovery', kept)).status).toBe(204);
    await writeFile(path.join(scratch.dir, 'data', 'notebook-recovery', 'damaged.json'), '{"key": "x", "te');

    core.close();
    core = await createTestHostCore(scratch.dir, home);
    const listed = await send('GET', '/api/notebooks/recovery');
    expect(await listed.json()).toEqual([{ ...kept, language: null, readOnly: false }]);

    expect((await send('DELETE', '/api/notebooks/recovery/notebook-abc1')).status).toBe(204);
    expect(await (await send('GET', '/api/notebooks/recovery')).json()).toEqual([]);

    // One of the app's own folders (a course's notebook, a sample's) comes back read-only, as it opens: Save goes elsewhere.
    const sample = { ...kept, key: 'notebook-abc2', path: path.join(scratch.dir, 'datasets', 'exemple.md'), fileName: 'exemple.md' };
    expect((await send('PUT', '/api/notebooks/recovery', sample)).status).toBe(204);
    expect(await (await send('GET', '/api/notebooks/recovery')).json()).toEqual([{ ...sample, language: null, readOnly: true }]);
    expect((await send('DELETE', '/api/notebooks/recovery/notebook-abc2')).status).toBe(204);
    expect((await send('DELETE', '/api/notebooks/recovery/..%2Fworkspace')).status).toBe(400);
    core.close();
  });
});
