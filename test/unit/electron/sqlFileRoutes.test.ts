/**
 * The SQL file routes on a real host core over real temporary folders: open with a size cap and the
 * byte order mark kept, atomic save that refuses another program's change, an existing file and the
 * app's own folders, and nothing read or written outside the file roots.
 */
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Session } from '../../../shared/contract/hostApi';
import { maxSqlFileBytes, type SqlFile } from '../../../shared/contract/sqlFileApi';
import { createScratchHostCore, createTestHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { makeTempDir } from '../../support/tempDir';

let scratch: ScratchHostCore;
let home: string;
let core: HostCore;

const { send } = requestsTo(() => core);

async function errorOf(response: Response): Promise<{ error: string; code: string }> {
  return (await response.json()) as { error: string; code: string };
}

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});

afterEach(async () => {
  await scratch.dispose();
});

describe('opening and saving SQL files', () => {
  it('opens a file by path and saves it back byte for byte, its BOM and CRLF kept, under a temporary name then renamed', async () => {
    const file = path.join(home, 'ventes.sql');
    const text = '-- Ventes — المبيعات\r\nSELECT 1 AS n;\r\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    await writeFile(file, bytes);

    const opened = await send('POST', '/api/sql-files/open', { path: file });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const sql = (await opened.json()) as SqlFile;
    expect(sql).toEqual({ path: file, fileName: 'ventes.sql', text, bom: true, version: expect.stringMatching(/^[\d.]+:\d+$/) });

    const edited = `${text}SELECT 2;\r\n`;
    const saved = await send('PUT', '/api/sql-files/file', { path: sql.path, text: edited, bom: true, expectedVersion: sql.version, overwrite: false });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const reply = (await saved.json()) as SqlFile;
    expect(reply.version).not.toBe(sql.version);
    expect(Buffer.compare(await readFile(file), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(edited, 'utf8')]))).toBe(0);
    expect(await readdir(home)).toEqual(['ventes.sql']);
  });

  it('refuses a file larger than the cap, binary content and other extensions, with a message', async () => {
    await writeFile(path.join(home, 'huge.sql'), Buffer.alloc(maxSqlFileBytes + 1, 0x20));
    const huge = await send('POST', '/api/sql-files/open', { path: path.join(home, 'huge.sql') });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).error).toMatch(/“huge\.sql” is larger than an SQL file opened in a tab can be \(4(\.\d+)? MB\)/);

    await writeFile(path.join(home, 'binary.sql'), Buffer.from([0x53, 0x45, 0x00, 0xff]));
    const binary = await send('POST', '/api/sql-files/open', { path: path.join(home, 'binary.sql') });
    expect(binary.status).toBe(422);
    expect((await errorOf(binary)).code).toBe('sqlFile.notText');

    await writeFile(path.join(home, 'data.csv'), 'a\n1\n');
    const csv = await send('POST', '/api/sql-files/open', { path: path.join(home, 'data.csv') });
    expect(csv.status).toBe(422);
    expect((await errorOf(csv)).code).toBe('sqlFile.notSql');

    const wrongExtension = await send('PUT', '/api/sql-files/file', { path: path.join(home, 'x.csv'), text: 'x', bom: false, expectedVersion: null, overwrite: true });
    expect(wrongExtension.status).toBe(422);
    await mkdir(path.join(home, 'folder.sql'));
    const overFolder = await send('PUT', '/api/sql-files/file', { path: path.join(home, 'folder.sql'), text: 'x', bom: false, expectedVersion: null, overwrite: true });
    expect(overFolder.status).toBe(422);
    expect((await readdir(home)).sort()).toEqual(['binary.sql', 'data.csv', 'folder.sql', 'huge.sql']);
  });

  it('refuses to overwrite a file another program changed since it was read, and an existing file unless told to', async () => {
    const file = path.join(home, 'race.sql');
    await writeFile(file, 'SELECT 1;\n');
    const opened = (await (await send('POST', '/api/sql-files/open', { path: file })).json()) as SqlFile;
    await writeFile(file, 'SELECT 4 AS theirs, 5 AS longer;\n');

    const stale = await send('PUT', '/api/sql-files/file', { path: file, text: 'SELECT 3 AS mine;\n', bom: false, expectedVersion: opened.version, overwrite: false });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('sqlFile.changedSinceOpened');
    expect(await readFile(file, 'utf8')).toBe('SELECT 4 AS theirs, 5 AS longer;\n');

    // Save as onto it: refused until the user says to replace it.
    const asked = await send('PUT', '/api/sql-files/file', { path: file, text: 'SELECT 3 AS mine;\n', bom: false, expectedVersion: null, overwrite: false });
    expect(asked.status).toBe(409);
    expect((await errorOf(asked)).code).toBe('save.exists');
    const replaced = await send('PUT', '/api/sql-files/file', { path: file, text: 'SELECT 3 AS mine;\n', bom: false, expectedVersion: null, overwrite: true });
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    expect(await readFile(file, 'utf8')).toBe('SELECT 3 AS mine;\n');
    expect(await readdir(home)).toEqual(['race.sql']);
  });

  it('never saves into the app’s own folders (the samples folder is readable, not a place for scripts)', async () => {
    const samples = path.join(scratch.dir, 'datasets');
    const sample = path.join(samples, 'exemple.sql');
    await writeFile(sample, 'SELECT 1;\n');
    const opened = (await (await send('POST', '/api/sql-files/open', { path: sample })).json()) as SqlFile;
    expect(opened.text).toBe('SELECT 1;\n');

    const overSample = await send('PUT', '/api/sql-files/file', { path: sample, text: 'SELECT 2;\n', bom: false, expectedVersion: opened.version, overwrite: false });
    expect(overSample.status).toBe(403);
    expect((await errorOf(overSample)).error).toContain('Data Lab’s own folders');
    expect(await readFile(sample, 'utf8')).toBe('SELECT 1;\n');
    const newInSamples = await send('PUT', '/api/sql-files/file', { path: path.join(samples, 'new.sql'), text: 'x', bom: false, expectedVersion: null, overwrite: false });
    expect(newInSamples.status).toBe(403);
    expect(await readdir(samples)).toEqual(['exemple.sql']);
  });

  it('neither reads nor writes outside the file roots, through a link either', async () => {
    const outside = await makeTempDir();
    try {
      await writeFile(path.join(outside.dir, 'secret.sql'), 'SELECT 42;\n');
      const read = await send('POST', '/api/sql-files/open', { path: path.join(outside.dir, 'secret.sql') });
      expect(read.status).toBe(404);
      const write = await send('PUT', '/api/sql-files/file', { path: path.join(outside.dir, 'planted.sql'), text: 'x', bom: false, expectedVersion: null, overwrite: true });
      expect(write.status).toBe(404);
      await symlink(outside.dir, path.join(home, 'link'));
      const throughLink = await send('PUT', '/api/sql-files/file', { path: path.join(home, 'link', 'planted.sql'), text: 'x', bom: false, expectedVersion: null, overwrite: true });
      expect(throughLink.status).toBe(404);
      const readThroughLink = await send('POST', '/api/sql-files/open', { path: path.join(home, 'link', 'secret.sql') });
      expect(readThroughLink.status).toBe(404);
      expect(await readdir(outside.dir)).toEqual(['secret.sql']);
      const relative = await send('PUT', '/api/sql-files/file', { path: 'planted.sql', text: 'x', bom: false, expectedVersion: null, overwrite: true });
      expect(relative.status).toBe(400);
    } finally {
      await outside.cleanup();
    }
  });
});

describe('SQL files named on the command line', () => {
  it('are listed by the session and open even outside the file roots; other paths there stay closed', async () => {
    const outside = await makeTempDir();
    const root = await makeTempDir();
    const named = path.join(outside.dir, 'cli.sql');
    await writeFile(named, 'SELECT 1 AS from_cli;\n');
    await writeFile(path.join(outside.dir, 'other.sql'), 'SELECT 2;\n');
    await mkdir(path.join(root.dir, 'renderer'));
    await mkdir(path.join(root.dir, 'datasets'));
    const cliCore = await createTestHostCore(root.dir, home, [named, path.join(outside.dir, 'missing.sql')]);
    const cli = requestsTo(() => cliCore);
    try {
      const session = (await (await cli.send('GET', '/api/session')).json()) as Session;
      expect(session.sqlFilesAtStart).toEqual([named]);
      expect(session.openAtStart).toEqual([]);
      expect(session.startupErrors.map((error) => error.message).join()).toContain('missing.sql');
      const opened = await cli.send('POST', '/api/sql-files/open', { path: named });
      expect(((await opened.json()) as SqlFile).text).toBe('SELECT 1 AS from_cli;\n');
      expect((await cli.send('POST', '/api/sql-files/open', { path: path.join(outside.dir, 'other.sql') })).status).toBe(404);
    } finally {
      cliCore.close();
      await outside.cleanup();
      await root.cleanup();
    }
  });
});
