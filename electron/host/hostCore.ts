import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { serveStatic } from '@hono/node-server/serve-static';
import { zValidator } from '@hono/zod-validator';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  DatasetIdParam,
  type Dataset,
  FsListQuery,
  NewFolderBody,
  HistoryEntry,
  maxJsonBodyBytes,
  OpenDatasetBody,
  Workspace,
  type FileRoot,
  type HostError,
  type HostEvent,
  type HostMode,
  type Session,
  type HostMessageParams,
} from '../../shared/contract/hostApi';
import { DatasetRegistry } from './datasets/datasetRegistry';
import { FileRoots } from './files/fileRoots';
import { createFolder, listFolder, pathKind } from './files/fileBrowser';
import { datasetBytesResponse, fileBytesResponse } from './files/fileResponse';
import { ConvertedTables } from './datasets/convertedTables';
import { ConversionCache } from './datasets/conversionCache';
import { StreamedTables } from './datasets/streamedTables';
import { forkNativeProcess, NativeWorker, type NativeSpawner } from './native/nativeWorker';
import { NativeSession } from './native/nativeSession';
import { nativeRoutes } from './native/nativeRoutes';
import { emptySpillFolder, spillFolderBytes } from './native/spillFolder';
import { HostFailure } from './hostFailure';
import { createTranslator } from '../../shared/i18n/translate';
import { formatByteSize } from '../../shared/text/byteSize';
import { securityHeaders } from './http/securityHeaders';
import { immutableAssets } from './http/assetCaching';
import { WorkspaceStore } from './workspace/workspaceStore';
import { HistoryStore } from './workspace/historyStore';
import { ClosingSaveQuery, WorkspacePatch } from '../../shared/contract/workspacePatch';
import { saveOrderOf, WorkspaceSaveQuery, type WorkspaceSaveAnswer } from '../../shared/contract/workspaceSaveOrder';
import { ExportDestinations } from './export/exportDestinations';
import { ExportJobs } from './export/exportJobs';
import { exportRoutes } from './export/exportRoutes';
import { StagedUploads } from './export/stagedUploads';
import { KeptTables } from './kept/keptTables';
import { keptTableRoutes } from './kept/keptTableRoutes';
import { keptTablesFolder } from '../../shared/contract/keptTablesApi';
import { isNotebookPath, notebookRoutes } from './notebooks/notebookRoutes';
import { isBundlePath, labRoutes } from './bundles/labRoutes';
import { sqlFileRoutes } from './files/sqlFileRoutes';
import { isSqlFileName } from '../../shared/contract/sqlFileApi';

export interface HostCoreOptions {
  mode: HostMode;
  appVersion: string;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /**
   * The folder the app is installed in (exports never write there). Without it, the folders it
   * holds that the core knows of (renderer, samples, native process script) are protected.
   */
  installDir?: string;
  /** Sample datasets shipped with the app. */
  datasetsDir: string;
  /** Where the app keeps its own state (workspace, later caches and spill files). */
  dataDir: string;
  /** Folders the file browser may show besides the datasets folder. */
  fileRoots: readonly FileRoot[];
  /** Files named on the command line, opened at start. */
  filesToOpen?: readonly string[];
  /** The built native DuckDB process script (out/main/nativeProcess.js). */
  nativeProcessScript: string;
  /** How to start that process: a forked Node child by default, a utility process in Electron. */
  spawnNative?: NativeSpawner;
  /** The size cap of the Parquet/JSON conversion cache (conversionCache.ts has the default). */
  conversionCacheBytes?: number;
  /**
   * Starts the native DuckDB process at once rather than on first use: a Parquet file's footprint
   * (read before an in-app load) then answers in milliseconds, not after the process's start.
   */
  warmNativeProcess?: boolean;
}

/** The main side as one fetch-style handler, hosted by Electron's protocol or by the loopback server. */
export interface HostCore {
  fetch(request: Request): Promise<Response>;
  datasets: DatasetRegistry;
  /** Publishes an event to every open renderer. */
  publish(event: HostEvent): void;
  /**
   * Opens a file the renderer names outside the HTTP API (files dropped on the window in
   * Electron): checked against the file roots exactly as `POST /api/datasets/open` is.
   */
  openNamedFile(requested: string): Promise<Dataset>;
  /** Lets exports write to a file the user chose in the native save dialog, wherever it is. */
  allowExportDestination(file: string): void;
  /** Lets the page open a Lab bundle the user chose in the native open dialog, wherever it is (a real path). */
  allowChosenBundle(file: string): void;
  /** Stops what the core started (the native DuckDB process). */
  close(): void;
}

/** Builds the host core: the JSON API, dataset bytes, server-sent events and the renderer files. */
export async function createHostCore(options: HostCoreOptions): Promise<HostCore> {
  const datasets = new DatasetRegistry();
  const sampleProblems = await datasets.addSamples(options.datasetsDir);
  const roots = await FileRoots.create([
    ...options.fileRoots,
    { label: 'files.rootSamples', path: options.datasetsDir },
  ]);
  const workspaceStore = new WorkspaceStore(options.dataDir);
  const historyStore = new HistoryStore(options.dataDir);
  const nativeWorker = new NativeWorker(options.nativeProcessScript, options.spawnNative ?? forkNativeProcess);
  const spillDir = path.join(options.dataDir, 'spill');
  // Left by a native process that crashed or was killed: no DuckDB runs yet to own these files.
  await emptySpillFolder(spillDir);
  const conversionCache = new ConversionCache(path.join(options.dataDir, 'cache', 'tables'), options.conversionCacheBytes);
  await conversionCache.cleanUp();
  const convertedTables = new ConvertedTables(nativeWorker, conversionCache, spillDir);
  const streamedTables = new StreamedTables(nativeWorker, spillDir);
  // A second after start, off the start's critical path (and never keeping a stopping host alive).
  if (options.warmNativeProcess) {
    setTimeout(() => void nativeWorker.call('convertProgress', { conversionId: 'warm-up' }).catch(() => undefined), 1_000).unref();
  }
  const native = new NativeSession(nativeWorker, {
    databaseFile: path.join(options.dataDir, 'native', 'workbench.duckdb'),
    spillDir,
    // Only export staging: DuckDB may write inside any folder it allows, so the app's install
    // folder (samples) is never one; a sample is readable once opened, like any other file.
    appDirectories: [path.join(options.dataDir, 'exports')],
  });
  const exportDestinations = new ExportDestinations(roots, [
    ...(options.installDir ? [options.installDir] : [options.rendererDir, options.datasetsDir, path.dirname(options.nativeProcessScript)]),
    options.dataDir,
  ]);
  // The in-app engine's uploads: as large as WebAssembly memory allows its rows to be.
  const stagedUploads = new StagedUploads(path.join(options.dataDir, 'exports', 'uploads'), 4 * 2 ** 30);
  const exportJobs = new ExportJobs(native, exportDestinations, stagedUploads, { stagingDir: path.join(options.dataDir, 'exports'), spillDir });
  // Tables kept from the in-app engine: registered now, so the page finds them after a restart.
  const keptTables = new KeptTables(native, stagedUploads, datasets, { keptDir: path.join(options.dataDir, keptTablesFolder), stagingDir: path.join(options.dataDir, 'exports'), spillDir });
  await keptTables.restore();

  const openAtStart: string[] = [];
  const startupErrors: Session['startupErrors'] = sampleProblems.map(({ file, message }) => ({ path: file, message }));
  // Notebooks named on the command line open as notebook tabs (the user named them, wherever they are).
  const notebooksAtStart: string[] = [];
  // Lab bundles named on the command line: the page opens them (it asks the user about an unverified source).
  const bundlesAtStart: string[] = [];
  const bundlesChosenInDialog = new Set<string>();
  // SQL files named on the command line open in editor tabs (the user named them, wherever they are).
  const sqlFilesAtStart: string[] = [];
  for (const file of options.filesToOpen ?? []) {
    if (isBundlePath(file)) {
      const real = await realpath(path.resolve(file)).catch(() => null);
      if (real) bundlesAtStart.push(real);
      else startupErrors.push({ path: file, message: t('error.fileNotFound', { file: path.basename(file) }) });
      continue;
    }
    if (isNotebookPath(file) || isSqlFileName(path.basename(file))) {
      const real = await realpath(path.resolve(file)).catch(() => null);
      if (real) (isNotebookPath(file) ? notebooksAtStart : sqlFilesAtStart).push(real);
      else startupErrors.push({ path: file, message: t('error.fileNotFound', { file: path.basename(file) }) });
      continue;
    }
    try {
      openAtStart.push((await datasets.open(path.resolve(file))).id);
    } catch (error) {
      startupErrors.push({ path: file, message: error instanceof Error ? error.message : String(error) });
    }
  }

  const subscribers = new Set<(event: HostEvent) => void>();
  const publish = (event: HostEvent): void => {
    for (const subscriber of subscribers) subscriber(event);
  };
  datasets.onOpened((dataset) => publish({ type: 'dataset-opened', dataset }));
  native.onWorkbenchSetAside(({ file, reason }) => {
    const message = t('workbench.setAside', { reason, file: path.basename(file) });
    startupErrors.push({ path: file, message });
    publish({ type: 'notice', message });
  });

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  });

  app.onError((error, c) => {
    if (error instanceof HostFailure) return fail(c, error.status, error.code, error.message, error.params);
    // Hono's own refusals (malformed JSON, a wrong Content-Type) are the client's error, not ours.
    if (error instanceof HTTPException && error.status < 500) {
      return fail(c, 400, 'error.invalidRequest', t('error.invalidRequest', { message: error.message }));
    }
    console.error('[host]', error);
    return fail(c, 500, 'error.host', error.message, { message: error.message });
  });

  // Bodies are buffered to be parsed: none may be larger than a workspace can be. Export uploads
  // and dropped Lab bundles stream to disk and have their own limits (StagedUploads, labRoutes).
  const limitBody = bodyLimit({
    maxSize: maxJsonBodyBytes,
    onError: (c) => fail(c, 413, 'error.bodyTooLarge', t('error.bodyTooLarge', { limit: formatByteSize(maxJsonBodyBytes) })),
  });
  app.use('/api/*', (c, next) => (c.req.path === '/api/exports/staged' || c.req.path === '/api/lab/upload' ? next() : limitBody(c, next)));

  const api = new Hono()
    .get('/session', async (c) => {
      const session: Session = {
        appVersion: options.appVersion,
        mode: options.mode,
        datasets: datasets.list(),
        openAtStart,
        notebooksAtStart,
        sqlFilesAtStart,
        startupErrors,
      };
      return c.json(session);
    })
    .get('/fs/roots', (c) => c.json(roots.list()))
    .get('/fs/list', zValidator('query', FsListQuery, invalid), async (c) =>
      c.json(await listFolder(roots, c.req.valid('query').path)),
    )
    .get('/fs/kind', zValidator('query', FsListQuery, invalid), async (c) => c.json(await pathKind(roots, c.req.valid('query').path)))
    .post('/fs/folders', zValidator('json', NewFolderBody, invalid), async (c) => {
      const { parent, name } = c.req.valid('json');
      // Never inside the app's own folders (the samples, the data folder): exports refuse them too.
      return c.json(await createFolder(roots, parent, name, (folder) => exportDestinations.isInAppFolder(folder)));
    })
    .post('/datasets/open', zValidator('json', OpenDatasetBody, invalid), async (c) => {
      const real = await roots.resolve(c.req.valid('json').path);
      return c.json(await datasets.open(real));
    })
    .on(['GET', 'HEAD'], '/datasets/:id/content', zValidator('param', DatasetIdParam, invalid), async (c) =>
      datasetBytesResponse(datasets.get(c.req.valid('param').id), c.req.raw),
    )
    // Parquet and JSON, read by native DuckDB, as a DuckDB database file with one table, `data`.
    .on(['GET', 'HEAD'], '/datasets/:id/table', zValidator('param', DatasetIdParam, invalid), async (c) => {
      const entry = datasets.get(c.req.valid('param').id);
      return fileBytesResponse(await convertedTables.fileFor(entry), entry.dataset.fileName, c.req.raw);
    })
    // Parquet and JSON, read by native DuckDB, as Arrow batches in frames (shared/contract/tableFrames.ts).
    .get('/datasets/:id/arrow', zValidator('param', DatasetIdParam, invalid), async (c) => streamedTables.response(datasets.get(c.req.valid('param').id)))
    // Before a load (issue 15): a Parquet file's size once loaded, from its footer; a conversion's progress, and its Cancel.
    .get('/native/spill', async (c) => c.json({ bytes: await spillFolderBytes(spillDir) }))
    .get('/datasets/:id/footprint', zValidator('param', DatasetIdParam, invalid), async (c) =>
      c.json(await convertedTables.parquetFootprint(datasets.get(c.req.valid('param').id))),
    )
    .get('/datasets/:id/conversion', zValidator('param', DatasetIdParam, invalid), async (c) =>
      c.json({ fraction: await convertedTables.progress(datasets.get(c.req.valid('param').id).dataset.id) }),
    )
    .delete('/datasets/:id/conversion', zValidator('param', DatasetIdParam, invalid), async (c) => {
      const { id } = datasets.get(c.req.valid('param').id).dataset;
      await Promise.all([convertedTables.cancel(id), streamedTables.cancel(id)]);
      return c.body(null, 204);
    })
    // A reload names the old page's closing save, and its workspace waits for it (ClosingSaveQuery).
    .get('/workspace', zValidator('query', ClosingSaveQuery, invalid), async (c) => {
      const { workspace, revision, recoveredFrom } = await workspaceStore.load(c.req.valid('query').closingSave);
      return c.json({ workspace, revision, recoveredFrom: recoveredFrom ?? null });
    })
    // A page's save that arrives after a newer one of the same page is left out (WorkspaceSaveQuery).
    .put('/workspace', zValidator('query', WorkspaceSaveQuery, invalid), zValidator('json', Workspace, invalid), async (c) => {
      const query = c.req.valid('query');
      return c.json<WorkspaceSaveAnswer>(await workspaceStore.save(c.req.valid('json'), { closingSave: query.closingSave, order: saveOrderOf(query) }));
    })
    // The page's closing save: only what changed since a saved revision (keepalive bodies are small).
    .post('/workspace/patch', zValidator('query', WorkspaceSaveQuery, invalid), zValidator('json', WorkspacePatch, invalid), async (c) => {
      const query = c.req.valid('query');
      return c.json<WorkspaceSaveAnswer>(await workspaceStore.savePatch(c.req.valid('json'), { closingSave: query.closingSave, order: saveOrderOf(query) }));
    })
    .get('/history', async (c) => c.json(await historyStore.load()))
    .post('/history', zValidator('json', HistoryEntry, invalid), async (c) => {
      await historyStore.append(c.req.valid('json'));
      return c.body(null, 204);
    })
    .get('/events', (c) =>
      streamSSE(c, async (stream) => {
        const queue: HostEvent[] = [{ type: 'hello' }];
        let wake: (() => void) | null = null;
        const subscriber = (event: HostEvent): void => {
          queue.push(event);
          wake?.();
        };
        subscribers.add(subscriber);
        stream.onAbort(() => {
          subscribers.delete(subscriber);
          wake?.();
        });
        while (!stream.aborted) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
            continue;
          }
          // Wake for the next event, or every 25 s to send a comment that keeps the stream open.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 25_000);
          });
          wake = null;
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
        subscribers.delete(subscriber);
      }),
    );

  app.route('/api', api);
  app.route('/api/native', nativeRoutes(native, datasets, invalid));
  app.route('/api/exports', exportRoutes(exportJobs, exportDestinations, stagedUploads, invalid));
  app.route('/api/kept-tables', keptTableRoutes(keptTables, invalid));
  // Notebooks opened though outside the file roots: named on the command line, or a course's in the Lab's library.
  const courseNotebooks = new Map<string, string>();
  app.route('/api/notebooks', notebookRoutes(roots, native, invalid, path.join(options.dataDir, 'notebook-recovery'), new Set(notebooksAtStart), courseNotebooks, exportDestinations, options.dataDir));
  app.route('/api/sql-files', sqlFileRoutes(roots, invalid, new Set(sqlFilesAtStart), exportDestinations));
  app.route(
    '/api/lab',
    await labRoutes(
      {
        roots,
        datasets,
        dataDir: options.dataDir,
        nativeProcessScript: options.nativeProcessScript,
        ...(options.spawnNative ? { spawnNative: options.spawnNative } : {}),
        namedAtStart: bundlesAtStart,
        chosenInDialog: bundlesChosenInDialog,
        courseNotebooks,
      },
      invalid,
    ),
  );
  app.all('/api/*', (c) => fail(c, 404, 'error.notFound', t('error.notFound')));

  app.use('*', immutableAssets, serveStatic({ root: options.rendererDir }));
  // Client-side routes fall back to the app's page.
  const indexHtmlPath = path.join(options.rendererDir, 'index.html');
  app.get('*', async (c) => {
    // A missing build file is missing, not the page: served as the page, a stale tab would cache
    // HTML under a script's hashed name for a year.
    if (c.req.path.startsWith('/assets/')) return c.text(t('error.notFound'), 404);
    const html = await readFile(indexHtmlPath, 'utf8').catch(() => null);
    if (html === null) return c.text(t('host.notBuilt'), 500);
    return c.html(html);
  });

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    datasets,
    publish,
    openNamedFile: async (requested) => datasets.open(await roots.resolve(requested)),
    allowExportDestination: (file) => exportDestinations.grant(file),
    allowChosenBundle: (file) => bundlesChosenInDialog.add(file),
    close: () => nativeWorker.stop(),
  };
}

const t = createTranslator();

function fail(c: Context, status: HostFailure['status'], code: string, message: string, params?: HostMessageParams): Response {
  const body: HostError = { error: message, code, ...(params ? { params } : {}) };
  return c.json(body, status);
}

/** zod-validator's hook: a request that does not parse gets the same error shape as every other failure. */
function invalid(
  result: { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const message = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`).join('; ');
  return fail(c, 400, 'error.invalidRequest', t('error.invalidRequest', { message }), { message });
}
