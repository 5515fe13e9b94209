/**
 * The app's own folders against a hostile renderer and hostile files: exports write only data
 * files and never into the install or data folder (also when HOME is a link), and a broken or
 * crafted sample catalog neither stops the app nor makes an outside file a sample.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostCore, type HostCore } from '../../../electron/host/hostCore';
import type { HostError, Session } from '../../../shared/contract/hostApi';
import { makeTempDir } from '../../support/tempDir';
import { builtNativeProcessScript } from '../../support/builtApp';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let core: HostCore | null = null;

beforeEach(async () => {
  temp = await makeTempDir();
});

afterEach(async () => {
  core?.close();
  core = null;
  await temp.cleanup();
});

/**
 * A core laid out as an installed app under `install/` (renderer, samples) and a user whose
 * home folder is reached through a link (`home` → `real-home`), data folder inside it.
 */
async function installedCore(): Promise<{ home: string; realHome: string; install: string; dataDir: string }> {
  const install = path.join(temp.dir, 'install');
  const realHome = path.join(temp.dir, 'real-home');
  const home = path.join(temp.dir, 'home');
  await mkdir(path.join(install, 'renderer'), { recursive: true });
  await mkdir(path.join(install, 'datasets'), { recursive: true });
  await mkdir(path.join(realHome, 'work'), { recursive: true });
  await symlink(realHome, home);
  // The data folder as the app computes it from HOME: through the link.
  const dataDir = path.join(home, '.local', 'share', 'data-lab');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'workspace.json'), '{"version":1,"tabs":[],"activeTabId":null}');
  core = await createHostCore({
    mode: 'browser',
    appVersion: 'test',
    installDir: install,
    rendererDir: path.join(install, 'renderer'),
    datasetsDir: path.join(install, 'datasets'),
    dataDir,
    // Roots wide enough to hold the install folder too, as a home folder holding a checkout would.
    fileRoots: [{ label: 'Home', path: home }, { label: 'Scratch', path: temp.dir }],
    nativeProcessScript: builtNativeProcessScript(),
  });
  return { home, realHome, install, dataDir };
}

const post = (url: string, body: unknown): Promise<Response> =>
  (core as HostCore).fetch(new Request(`http://127.0.0.1:5555${url}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }));

describe('export destinations', () => {
  it('never writes inside the data folder when HOME is a link (the data folder is compared through links too)', async () => {
    const { home, realHome, dataDir } = await installedCore();
    for (const destination of [
      path.join(dataDir, 'notes.csv'),
      path.join(realHome, '.local', 'share', 'data-lab', 'notes.csv'),
      path.join(home, '.local', 'share', 'data-lab', 'native', '..', 'notes.csv'),
    ]) {
      const check = await post('/api/exports/destination', { destination, format: 'csv' });
      expect(check.status, destination).toBe(403);
      expect(((await check.json()) as HostError).code).toBe('export.errorAppFolder');
      const start = await post('/api/exports', { source: { kind: 'relation', relation: '(SELECT 1 AS a)' }, format: 'csv', destination, overwrite: true });
      expect(start.status, destination).toBe(403);
    }
    expect((await readdir(dataDir)).sort()).toEqual(['workspace.json']);
  });

  it('never writes inside the install folder', async () => {
    const { install } = await installedCore();
    for (const destination of [path.join(install, 'datasets', 'catalog.csv'), path.join(install, 'renderer', 'index.csv')]) {
      const check = await post('/api/exports/destination', { destination, format: 'csv' });
      expect(check.status, destination).toBe(403);
    }
  });

  it('writes only data files: the name must end with the format’s extension', async () => {
    const { home } = await installedCore();
    for (const [name, format] of [
      ['.bashrc', 'csv'],
      ['notes', 'csv'],
      ['run.sh', 'csv'],
      ['data.csv', 'parquet'],
      ['.csv', 'csv'],
      ['data.csv.sh', 'csv'],
    ] as const) {
      const destination = path.join(home, 'work', name);
      const check = await post('/api/exports/destination', { destination, format });
      expect(check.status, name).toBe(422);
      expect(((await check.json()) as HostError).code).toBe('export.errorExtension');
      const start = await post('/api/exports', { source: { kind: 'relation', relation: '(SELECT 1 AS a)' }, format, destination, overwrite: true });
      expect(start.status, name).toBe(422);
    }
    const fine = await post('/api/exports/destination', { destination: path.join(home, 'work', 'Data.CSV'), format: 'csv' });
    expect(fine.status).toBe(200);
    expect(await readdir(path.join(home, 'work'))).toEqual([]);
  });
});

describe('sample catalog', () => {
  async function coreWithCatalog(catalog: string): Promise<Session> {
    const datasets = path.join(temp.dir, 'datasets');
    await mkdir(datasets, { recursive: true });
    await mkdir(path.join(temp.dir, 'renderer'), { recursive: true });
    await writeFile(path.join(datasets, 'cities.csv'), 'name\nParis\n');
    await writeFile(path.join(temp.dir, 'outside.csv'), 'secret\n1\n');
    await symlink(path.join(temp.dir, 'outside.csv'), path.join(datasets, 'linked.csv'));
    await writeFile(path.join(datasets, 'catalog.json'), catalog);
    core = await createHostCore({
      mode: 'browser',
      appVersion: 'test',
      rendererDir: path.join(temp.dir, 'renderer'),
      datasetsDir: datasets,
      dataDir: path.join(temp.dir, 'data'),
      fileRoots: [],
      nativeProcessScript: builtNativeProcessScript(),
    });
    return (await (await core.fetch(new Request('http://127.0.0.1:5555/api/session'))).json()) as Session;
  }

  it.each([
    ['not JSON', '{ "datasets": [ '],
    ['CSV written over it', 'x\npwned\n'],
    ['the wrong shape', '{"datasets": {"file": 1}}'],
    ['empty', ''],
  ])('a catalog that is %s is ignored with a message, and the app starts', async (_what, catalog) => {
    const session = await coreWithCatalog(catalog);
    expect(session.datasets).toEqual([]);
    expect(session.startupErrors).toEqual([expect.objectContaining({ message: expect.stringContaining('could not be read') })]);
  });

  it('a crafted catalog cannot make a file outside the samples folder a sample', async () => {
    const entry = (file: string) => ({ file, title: file, description: '', license: '' });
    const session = await coreWithCatalog(
      JSON.stringify({ datasets: [entry('cities.csv'), entry('../outside.csv'), entry(path.join(temp.dir, 'outside.csv')), entry('linked.csv'), entry('sub/../../outside.csv')] }),
    );
    expect(session.datasets.map((d) => d.fileName)).toEqual(['cities.csv']);
    expect(session.startupErrors).toHaveLength(4);
    for (const dataset of session.datasets) {
      const bytes = await (core as HostCore).fetch(new Request(`http://127.0.0.1:5555/api/datasets/${dataset.id}/content`));
      expect(await bytes.text()).not.toContain('secret');
    }
    expect(await readFile(path.join(temp.dir, 'outside.csv'), 'utf8')).toBe('secret\n1\n');
  });
});
