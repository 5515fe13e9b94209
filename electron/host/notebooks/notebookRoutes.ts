/**
 * Notebooks under /api/notebooks: open a `.md` file by path (through the file roots, as datasets
 * are), save it atomically, and ask DuckDB's parser on the main side what a cell reads and how it
 * runs (the in-app engine has no json extension, so the page asks here whatever engine it runs on).
 *
 * A notebook's folder becomes readable for the native engine once the notebook is opened or saved,
 * and relative paths in its cells are resolved from that folder, as the headless runner does.
 */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ForgetRecentBody, isNotebookFileName, NotebookRecovery, type RecoveredNotebook, type RecentFiles, NotebookVersionBody, type NotebookVersion, RecoveryKeyParam, NamesReadBody, OpenNotebookBody, PrepareCellBody, SaveNotebookBody, type NamesRead, type NotebookFile, type PreparedCell } from '../../../shared/contract/notebookApi';
import { decodeNotebookBytes, maxNotebookBytes, NotebookReadError } from '../../../shared/notebook/notebookFormat';
import { removeInterruptedWrites, writeFileAtomically } from '../files/atomicWrite';
import { versionOf } from '../files/fileVersion';
import { writeTarget, type WriteTargetKind } from '../files/writeTarget';
import type { ExportDestinations } from '../export/exportDestinations';
import type { FileRoots } from '../files/fileRoots';
import { fileFailure, HostFailure } from '../hostFailure';
import type { NativeSession } from '../native/nativeSession';
import { NativeNotebookEngine } from './nativeNotebookEngine';
import { RecentFilesList } from './recentFiles';

type Invalid = Parameters<typeof zValidator>[2];

export function isNotebookPath(file: string): boolean {
  return isNotebookFileName(path.basename(file));
}

/**
 * @param namedAtStart Notebooks opened even outside the file roots (real paths), named on the command line.
 * @param courseNotebooks The same for a course's notebooks in the Lab's library (added as courses are
 * read), each with its course's language. Save still refuses the app's own folders, so a course
 * notebook is kept by Save as, and the course stays as it was signed.
 */
export function notebookRoutes(
  roots: FileRoots,
  native: NativeSession,
  invalid: Invalid,
  /** The data folder's recovery folder: unsaved edits, one JSON file per notebook. */
  recoveryDir: string,
  namedAtStart: ReadonlySet<string>,
  courseNotebooks: ReadonlyMap<string, string>,
  /** Where files may be written: a notebook, like an export, is never saved inside the app's own folders. */
  destinations: ExportDestinations,
  /** The data folder: the recent files list lives there. */
  dataDir: string,
) {
  const recent = new RecentFilesList(dataDir);
  /** Notebooks this host opened or saved, by real path: the only folders a cell's paths resolve from. */
  const known = new Set<string>();
  const openable = (file: string): boolean => namedAtStart.has(file) || courseNotebooks.has(file);
  const remember = async (file: string): Promise<void> => {
    known.add(file);
    await native.allowFolder(path.dirname(file));
    // The recent list is a convenience: a read-only data folder must not fail an open or a save.
    await recent.remember(file).catch(() => undefined);
  };

  return new Hono()
    .post('/open', zValidator('json', OpenNotebookBody, invalid), async (c) => {
      const requested = c.req.valid('json').path;
      const file = openable(requested) ? requested : await roots.resolve(requested);
      const fileName = path.basename(file);
      if (!isNotebookPath(file)) throw new HostFailure(422, 'notebook.notMarkdown', { file: fileName });
      const size = (await lstat(file).catch((error: unknown) => Promise.reject(fileFailure(error, fileName)))).size;
      if (size > maxNotebookBytes) throw new HostFailure(413, 'notebook.tooLarge', { limit: maxNotebookBytes });
      const bytes = await readFile(file).catch((error: unknown) => Promise.reject(fileFailure(error, fileName)));
      const { text, bom } = decodeOrRefuse(bytes);
      await remember(file);
      const reply: NotebookFile = {
        path: file,
        fileName,
        text,
        bom,
        version: (await versionOf(file)) ?? '',
        language: courseNotebooks.get(file) ?? null,
        readOnly: await destinations.isInAppFolder(file),
      };
      return c.json(reply);
    })
    .put('/file', zValidator('json', SaveNotebookBody, invalid), async (c) => {
      const body = c.req.valid('json');
      const file = openable(body.path) ? body.path : await writeTarget(roots, body.path, notebookTarget);
      // The samples' folder is one of the file roots: a notebook opened from it is saved elsewhere.
      if (await destinations.isInAppFolder(file)) throw new HostFailure(403, 'notebook.appFolder', { file: path.basename(file) });
      const bytes = Buffer.from((body.bom ? '\uFEFF' : '') + body.text, 'utf8');
      const expected = body.expectedVersion ?? null;
      // Compared at the last moment, after the bytes are flushed: another program's write since the
      // page read the file is refused rather than overwritten, and Save as onto a file that is there
      // replaces it only when the user said so. A file that is gone is written again.
      const unchangedOnDisk = async (): Promise<void> => {
        const current = await versionOf(file);
        if (current === null) return;
        if (expected === null ? !body.overwrite : current !== expected) {
          throw new HostFailure(409, expected === null ? 'save.exists' : 'notebook.changedSinceOpened', { file: path.basename(file) });
        }
      };
      await writeFileAtomically(file, bytes, unchangedOnDisk).catch((error: unknown) => {
        if (error instanceof HostFailure) throw error;
        throw new HostFailure(500, 'notebook.cannotSave', { file: path.basename(file), message: error instanceof Error ? error.message : String(error) });
      });
      await remember(file);
      const reply: NotebookFile = { path: file, fileName: path.basename(file), text: body.text, bom: body.bom, version: (await versionOf(file)) ?? '' };
      return c.json(reply);
    })
    .post('/version', zValidator('json', NotebookVersionBody, invalid), async (c) => {
      // Only notebooks this host opened or saved: not a way to learn about any other file.
      const file = c.req.valid('json').path;
      if (!known.has(file)) throw new HostFailure(404, 'notebook.notOpen');
      const reply: NotebookVersion = { version: await versionOf(file) };
      return c.json(reply);
    })
    .get('/recent', async (c) => {
      const reply: RecentFiles = { files: await recent.list() };
      return c.json(reply);
    })
    .post('/recent/forget', zValidator('json', ForgetRecentBody, invalid), async (c) => {
      await recent.forget(c.req.valid('json').path);
      return c.body(null, 204);
    })
    .get('/recovery', async (c) => {
      const names = await readdir(recoveryDir).catch(() => [] as string[]);
      const found: RecoveredNotebook[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        await removeInterruptedWrites(path.join(recoveryDir, name));
        // A damaged recovery file is skipped, never fatal: the others are still offered.
        const parsed = NotebookRecovery.safeParse(await readFile(path.join(recoveryDir, name), 'utf8').then(JSON.parse, () => null).catch(() => null));
        if (!parsed.success) continue;
        // A course's notebook comes back as it opens: saved elsewhere, in the course's language.
        const file = parsed.data.path;
        found.push({ ...parsed.data, language: file === null ? null : (courseNotebooks.get(file) ?? null), readOnly: file !== null && (await destinations.isInAppFolder(file)) });
      }
      return c.json(found);
    })
    .put('/recovery', zValidator('json', NotebookRecovery, invalid), async (c) => {
      const body = c.req.valid('json');
      await mkdir(recoveryDir, { recursive: true });
      await writeFileAtomically(path.join(recoveryDir, `${body.key}.json`), JSON.stringify(body));
      return c.body(null, 204);
    })
    .delete('/recovery/:key', zValidator('param', RecoveryKeyParam, invalid), async (c) => {
      await rm(path.join(recoveryDir, `${c.req.valid('param').key}.json`), { force: true });
      return c.body(null, 204);
    })
    .post('/names-read', zValidator('json', NamesReadBody, invalid), async (c) => {
      const engine = new NativeNotebookEngine(native, null);
      const reply: NamesRead = { names: await engine.namesRead(c.req.valid('json').sql) };
      return c.json(reply);
    })
    .post('/prepare', zValidator('json', PrepareCellBody, invalid), async (c) => {
      const { sql, notebookPath } = c.req.valid('json');
      if (notebookPath !== null && !known.has(notebookPath)) throw new HostFailure(404, 'notebook.notOpen');
      const engine = new NativeNotebookEngine(native, notebookPath === null ? null : path.dirname(notebookPath));
      try {
        const reply: PreparedCell = { sql: await engine.runnable(sql) };
        return c.json(reply);
      } catch (error) {
        if (error instanceof HostFailure) throw error;
        throw new HostFailure(422, 'notebook.cellFailed', { message: error instanceof Error ? error.message : String(error) });
      }
    });
}

function decodeOrRefuse(bytes: Uint8Array): { text: string; bom: boolean } {
  try {
    return decodeNotebookBytes(bytes);
  } catch (error) {
    if (error instanceof NotebookReadError) throw new HostFailure(422, error.key, error.params);
    throw error;
  }
}

/** Notebook `.md` files only (see writeTarget). */
const notebookTarget: WriteTargetKind = {
  accepts: isNotebookPath,
  wrongName: (file) => new HostFailure(422, 'notebook.notMarkdown', { file }),
  notAFile: 'notebook.notAFile',
};
