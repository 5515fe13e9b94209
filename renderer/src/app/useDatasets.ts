import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Dataset } from '../../../shared/contract/hostApi';
import { formatForFileName, nativeOnly, needsNativeReader } from '../../../shared/contract/fileFormats';
import { tableNameForFile } from '../../../shared/sql/identifiers';
import { LoadCanceledError, NeedsNativeEngine, TooBigForInApp, type CatalogTable, type Engine, type EngineFileFormat } from '../engine/engine';
import { headline } from '../engine/engineMessages';
import type { Notify } from '../state/notificationsSlice';
import { listFormat, t } from '../i18n/i18n';
import { setCatalogVocabulary } from '../features/editor/editorVocabulary';
import { LoadStates } from './loads/loadStates';
import { useCourseTableLoads } from './courseTables';
import { fileNameOf, type LoadedIn, type LoadOrigin, type Source } from './loads/sources';
import { madeByUser } from './loads/userTables';


/** What a running load is doing, in words (the loads list above the catalog). */
export function loadLabel(phase: 'preparing' | 'reading' | 'inPlace', file: string): string {
  if (phase === 'inPlace') return t('load.openingNative', { file });
  return t(phase === 'preparing' ? 'catalog.converting' : 'catalog.loading', { name: file });
}

/** The load in progress: given up with its controller, on Cancel ('user') or a switch of engines ('switch'). */
interface RunningLoad {
  table: string;
  engine: Engine;
  controller: AbortController;
  reason: 'user' | 'switch' | null;
}

/**
 * Getting files into the engine as tables named after the files. The same tables follow the user
 * from one engine to the other: switching engines loads them into the new one under the same
 * names. Loads run one at a time, each with its progress and a Cancel. A load that fails or is
 * canceled keeps its dataset (see loads/loadStates.ts): Retry, Open on the native engine, Remove.
 */
export function useDatasets(
  engine: Engine,
  notify: Notify,
  switchToNative: () => void,
  /**
   * A file the host opened is the table `table` from now on (recorded as its load starts): the
   * workspace records it, to open it again after a reload or a restart.
   */
  onDatasetRecorded: (dataset: Dataset, table: string) => void,
  /** The file at this path is no longer one of the workspace's (removed, or closed): the workspace forgets it. */
  onFileForgotten?: (path: string) => void,
) {
  const [tables, setTables] = useState<CatalogTable[]>([]);
  const [loadStates] = useState(() => new LoadStates());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Every table the user loaded or tried to load, by name: a failed load keeps its source. */
  const sources = useRef(new Map<string, Source>());
  /** The tables each engine holds (two engines, each made once: see engineRegistry.ts). */
  const loadedIn = useRef<LoadedIn>(new Map());
  const running = useRef<RunningLoad | null>(null);
  /**
   * The engine the page runs now. Loads queue up and may outlive a switch of engines (files the
   * workspace reopens at start, then a switch): each load goes to the engine current when its turn
   * comes, never to the one it was asked on; a catch-up for an engine switched away from stops.
   */
  const currentEngine = useRef(engine);
  // Before any effect of this render (the app's own refresh effects among them) reads it.
  useLayoutEffect(() => {
    currentEngine.current = engine;
  }, [engine]);

  /** The catalog of `target`, shown only while it is the current engine: a late answer from the engine left behind is not. */
  const catalogOf = useCallback(async (target: Engine) => {
    const next = await target.catalog();
    if (currentEngine.current === target) {
      setTables(next);
      setCatalogVocabulary(next);
    }
    return next;
  }, []);
  const refreshCatalog = useCallback(() => catalogOf(engine), [catalogOf, engine]);

  /**
   * The tables made for datasets in the current engine, by name: the dataset's id. The Lab checks
   * exercises only while each of its course's names holds the course's own file.
   */
  const [loadedTables, setLoadedTables] = useState<ReadonlyMap<string, string>>(() => new Map());
  const publishLoaded = useCallback(() => {
    const loaded = new Map<string, string>();
    for (const table of loadedIn.current.get(currentEngine.current) ?? []) {
      const source = sources.current.get(table);
      if (source?.kind === 'dataset') loaded.set(table, source.dataset.id);
    }
    setLoadedTables(loaded);
  }, []);
  useEffect(publishLoaded, [engine, publishLoaded]);

  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  /**
   * Loads one source into the engine as `table`; returns the row count when the engine knows it.
   * Ends at once when the load is given up (the engine may finish its part later and drops it).
   */
  const loadInto = useCallback(
    async (source: Source, table: string, engine: Engine): Promise<number | null> => {
      const file = fileNameOf(source);
      const controller = new AbortController();
      const load: RunningLoad = { table, engine, controller, reason: null };
      running.current = load;
      sources.current.set(table, source);
      const show = (phase: 'preparing' | 'reading', fraction: number | null): void => {
        // Progress the engine reports after the load was given up must not bring "Loading…" back
        // over "not loaded" (a late report left a canceled load showing 2 % with a dead Cancel).
        if (controller.signal.aborted) return;
        // The native engine reads files in place: a view, not a copy, so "loading" would say the wrong thing.
        const shown = engine.kind === 'native' ? 'inPlace' : phase;
        loadStates.set({ table, fileName: file, status: 'loading', phase: shown, fraction });
      };
      show('reading', null);
      const given = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new LoadCanceledError()), { once: true }),
      );
      given.catch(() => undefined);
      try {
        if (currentEngine.current !== engine) {
          // Switched away while this load got ready (it read the catalog): the table goes to the
          // engine now current with the others, by the catch-up that the switch queued.
          load.reason = 'switch';
          controller.abort();
          throw new LoadCanceledError();
        }
        const work =
          source.kind === 'dataset'
            ? engine.loadDataset(source.dataset, table, ({ phase, fraction }) => show(phase, fraction), controller.signal)
            : source.file.arrayBuffer().then((buffer) =>
                engine.loadFile({ table, fileName: file, format: source.format, bytes: new Uint8Array(buffer) }),
              );
        work.catch(() => undefined);
        const { rowCount } = await Promise.race([work, given]);
        let present = loadedIn.current.get(engine);
        if (!present) loadedIn.current.set(engine, (present = new Set()));
        present.add(table);
        loadStates.delete(table);
        publishLoaded();
        return rowCount;
      } catch (error) {
        if (controller.signal.aborted) {
          // Switched away: the dataset goes to the other engine with the other tables.
          if (load.reason === 'switch') loadStates.delete(table);
          else loadStates.set({ table, fileName: file, status: 'canceled' });
          throw new LoadCanceledError();
        }
        const message = error instanceof Error ? error.message : String(error);
        loadStates.set({
          table,
          fileName: file,
          status: 'failed',
          reason: error instanceof NeedsNativeEngine ? message : headline(message),
          detail: message,
        });
        throw error;
      } finally {
        if (running.current === load) running.current = null;
      }
    },
    [loadStates, publishLoaded],
  );

  /** Says why a load ended without a table, with what the user can do about it. */
  const report = useCallback(
    (source: Source, error: unknown, origin: LoadOrigin) => {
      const name = fileNameOf(source);
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof LoadCanceledError) return;
      if (error instanceof TooBigForInApp && error.clearly && origin !== 'page') {
        // The user did not choose this engine for this file; the file is far past what it holds.
        notify('info', error.movedMessage);
        switchToNative();
      } else if (error instanceof NeedsNativeEngine) {
        // Offered, not done: switching engines is the user's call. If they take it, the file
        // loads on the native engine with the other tables.
        notify('error', message, undefined, { label: t('load.openOnNative'), run: switchToNative });
      } else {
        notify('error', t('error.fileLoad', { file: name, message: headline(message) }), message);
      }
    },
    [notify, switchToNative],
  );

  /** Loads `source` as `table` now (its turn in the queue has come), records it and says so; null when it did not load (said why). */
  const loadAs = useCallback(
    async (source: Source, table: string, origin: LoadOrigin, announce: boolean): Promise<string | null> => {
      const engine = currentEngine.current;
      const name = fileNameOf(source);
      // Recorded before the load, not after it: a page closed while the file loads (a reload in
      // the middle of a course's tables) would otherwise leave no record of it, while the native
      // engine, which outlives the page, finishes the load and holds a table no file accounts for.
      // A file that does not load is still one the user opened: it stays, with Retry.
      if (source.kind === 'dataset') onDatasetRecorded(source.dataset, table);
      try {
        const rowCount = await loadInto(source, table, engine);
        await catalogOf(engine);
        if (announce) notify(
          'info',
          source.kind === 'dataset' && nativeOnly(source.dataset.format)
            ? t('catalog.attachedDatabase', { name, table })
            : rowCount === null
              ? t('catalog.attached', { name, table })
              : t('catalog.loaded', { name, table, rows: rowCount }),
        );
        return table;
      } catch (error) {
        report(source, error, origin);
        return null;
      }
    },
    [catalogOf, loadInto, notify, onDatasetRecorded, report],
  );

  /**
   * Loads a source as a table. `recordedTable` is the name the workspace recorded for this file:
   * reopened after a reload or a restart, it keeps its name, and an engine that still holds it (the
   * native engine outlives the page) gets the same table again rather than a second one.
   */
  const load = useCallback(
    (source: Source, recordedTable?: string, origin: LoadOrigin = 'page', announce = true): Promise<string | null> =>
      enqueue(async () => {
        const engine = currentEngine.current;
        const name = fileNameOf(source);
        const already = [...sources.current].find(
          ([, known]) => known === source || (known.kind === 'dataset' && source.kind === 'dataset' && known.dataset.id === source.dataset.id),
        );
        if (already && loadedIn.current.get(engine)?.has(already[0])) return already[0];
        if (source.kind === 'dropped') {
          // Only its bytes reached the page: checked against the engine that will take them (the native
          // engine, which reads files by path, cannot; the in-app engine has a size budget).
          const refused = await engine.refuseFile(name, source.format as 'csv' | 'tsv' | 'arrow', source.file.size);
          if (refused) {
            notify('error', refused.message);
            return null;
          }
        }
        let table: string;
        try {
          const catalog = await engine.catalog();
          const existing = [...catalog.map((known) => known.name), ...sources.current.keys()];
          const recordedFree = recordedTable !== undefined && !sources.current.has(recordedTable) && !madeByUser(catalog, recordedTable, loadedIn.current.get(engine));
          table = already?.[0] ?? (recordedFree ? recordedTable : tableNameForFile(name, existing));
        } catch (error) {
          report(source, error, origin);
          return null;
        }
        return loadAs(source, table, origin, announce);
      }),
    [enqueue, loadAs, notify, report],
  );

  const loadCourseTable = useCourseTableLoads({ sources, loadedIn, currentEngine, loadStates, enqueue, loadAs, catalogOf, publishLoaded, report, onFileForgotten });

  /**
   * A file carried to an engine where the user made a table under its name: the file takes a free
   * name there, and everywhere (its table on the engine left behind is closed), so that it has one
   * name; the workspace records it, and a notice says so. Returns the new name.
   */
  const rename = useCallback(
    async (table: string, source: Source, catalog: readonly CatalogTable[]): Promise<string> => {
      const renamed = tableNameForFile(fileNameOf(source), [...catalog.map((known) => known.name), ...sources.current.keys()]);
      // The engine left behind drops its table of the file only if it is still the one made for it;
      // either way the page no longer counts that name as its own there (it is the user's now, if anything).
      for (const [holder, present] of loadedIn.current) {
        if (!present.delete(table)) continue;
        await holder.closeDataset(table).catch(() => undefined);
      }
      sources.current.delete(table);
      sources.current.set(renamed, source);
      loadStates.delete(table);
      if (source.kind === 'dataset') onDatasetRecorded(source.dataset, renamed);
      notify('info', t('catalog.renamedOnSwitch', { file: fileNameOf(source), table: renamed, engine: t(currentEngine.current.labelKey), taken: table }));
      return renamed;
    },
    [loadStates, notify, onDatasetRecorded],
  );

  /** Loads every known table the engine does not hold yet (a switched-to or restarted engine). */
  const catchUp = useCallback(
    (announce: (count: number) => string) =>
      enqueue(async () => {
        if (!(await engine.ready.then(() => true, () => false))) return;
        const present = loadedIn.current.get(engine);
        const catalog = await engine.catalog().catch(() => []);
        let count = 0;
        for (const [known, source] of [...sources.current]) {
          if (currentEngine.current !== engine) break;
          if (present?.has(known) || !sources.current.has(known)) continue;
          const table = madeByUser(catalog, known, present) ? await rename(known, source, catalog) : known;
          try {
            await loadInto(source, table, engine);
            count++;
          } catch (error) {
            report(source, error, 'page');
          }
        }
        if (currentEngine.current !== engine) return;
        await catalogOf(engine).catch(() => undefined);
        if (count > 0) notify('info', announce(count));
      }),
    [catalogOf, engine, enqueue, loadInto, notify, rename, report],
  );

  // Switching engines brings the tables along, and gives up a load running on the engine left
  // behind: its dataset goes to the new engine at once, with the others.
  useEffect(() => {
    void catchUp((count) => t('catalog.reloaded', { count, engine: t(engine.labelKey) }));
    return () => {
      const load = running.current;
      if (load?.engine === engine) {
        load.reason = 'switch';
        load.controller.abort();
      }
    };
  }, [engine, catchUp]);

  // After a restart the engine is empty: load every table again from where it came, under its name.
  useEffect(
    () =>
      engine.onRestarted(() => {
        loadedIn.current.delete(engine);
        publishLoaded();
        void catchUp(() => t('engine.restarted'));
      }),
    [engine, catchUp, publishLoaded],
  );

  /** Loads under way, by dataset: the file browser and the host's "opened" event ask for the same file. */
  const pending = useRef(new Map<string, Promise<string | null>>());
  const loadDataset = useCallback(
    (dataset: Dataset, recordedTable?: string, origin: LoadOrigin = 'page', announce = true) => {
      const started = pending.current.get(dataset.id);
      if (started) return started;
      const next = load({ kind: 'dataset', dataset }, recordedTable, origin, announce).finally(() => pending.current.delete(dataset.id));
      pending.current.set(dataset.id, next);
      return next;
    },
    [load],
  );

  /** A file dropped on the page in browser mode: the user handed over its bytes directly. */
  const loadLocalFile = useCallback(
    async (file: File, announce = true) => {
      const format = formatForFileName(file.name);
      // A dropped file's bytes are all the page has; Parquet and JSON need the main side to read them.
      if (!format || needsNativeReader(format) || nativeOnly(format)) {
        notify('error', t('error.fileUnsupported', { file: file.name }));
        return null;
      }
      if (file.size === 0) {
        notify('error', t('error.fileEmpty', { file: file.name }));
        return null;
      }
      return load({ kind: 'dropped', file, format: format as EngineFileFormat }, undefined, 'page', announce);
    },
    [load, notify],
  );

  /**
   * Several files opened at once (a multi-select, the command line, a drop): one notice names those
   * that loaded; each one that did not still says why in its own message. One file keeps its own notice.
   */
  const loadTogether = useCallback(
    async <T,>(items: readonly T[], fileName: (item: T) => string, loadOne: (item: T, announce: boolean) => Promise<string | null>): Promise<void> => {
      const [only] = items;
      if (items.length === 1 && only !== undefined) return void (await loadOne(only, true));
      const tables = await Promise.all(items.map((item) => loadOne(item, false)));
      const opened = items.filter((_, index) => tables[index] !== null).map(fileName);
      if (opened.length > 0) notify('info', t('files.openedMany', { count: opened.length, files: listFormat.format(opened) }));
    },
    [notify],
  );
  const loadDatasets = useCallback(
    (datasets: readonly Dataset[], origin: LoadOrigin = 'page') => loadTogether(datasets, (dataset) => dataset.fileName, (dataset, announce) => loadDataset(dataset, undefined, origin, announce)),
    [loadDataset, loadTogether],
  );
  const loadLocalFiles = useCallback((files: readonly File[]) => loadTogether(files, (file) => file.name, loadLocalFile), [loadLocalFile, loadTogether]);

  /** Stops the load of `table`, if it runs; the dataset stays, marked canceled. */
  const cancelLoad = useCallback((table: string) => {
    const load = running.current;
    if (load?.table !== table) return;
    load.reason = 'user';
    load.controller.abort();
  }, []);

  /** Loads a dataset that did not load again, on the current engine. */
  const retryLoad = useCallback(
    (table: string) => {
      const source = sources.current.get(table);
      if (source) void load(source, table);
    },
    [load],
  );

  /** Opens a dataset that did not load on the native engine: the workspace switches, and every table follows. */
  const openOnNative = useCallback(
    (table: string) => {
      if (engine.kind === 'native') retryLoad(table);
      else switchToNative();
    },
    [engine, retryLoad, switchToNative],
  );

  /** Forgets a dataset that did not load (the user's action: nothing goes without it). */
  const removeLoad = useCallback(
    (table: string) => {
      cancelLoad(table);
      const source = sources.current.get(table);
      sources.current.delete(table);
      loadStates.delete(table);
      if (source?.kind === 'dataset') onFileForgotten?.(source.dataset.displayPath);
      publishLoaded();
    },
    [cancelLoad, loadStates, onFileForgotten, publishLoaded],
  );

  /**
   * A table the engine holds that is now kept as `dataset` (a file on the main side): from now on it
   * is a file of the workspace like any other, recorded to come back after a reload and loaded from
   * that file into the other engine on a switch; the engine that holds it keeps its table as it is.
   */
  const adoptKept = useCallback(
    (dataset: Dataset, table: string) => {
      sources.current.set(table, { kind: 'dataset', dataset });
      let present = loadedIn.current.get(engine);
      if (!present) loadedIn.current.set(engine, (present = new Set()));
      present.add(table);
      onDatasetRecorded(dataset, table);
      publishLoaded();
    },
    [engine, onDatasetRecorded, publishLoaded],
  );

  /** The file a kept table comes from, or null; `forget` also drops it from the workspace (the table stays). */
  const keptSource = useCallback(
    (table: string, forget = false): Dataset | null => {
      const source = sources.current.get(table);
      if (source?.kind !== 'dataset') return null;
      if (forget) {
        sources.current.delete(table);
        onFileForgotten?.(source.dataset.displayPath);
        publishLoaded();
      }
      return source.dataset;
    },
    [onFileForgotten, publishLoaded],
  );

  return { tables, loadedTables, refreshCatalog, loadDataset, loadDatasets, loadLocalFiles, loadCourseTable, loadStates, cancelLoad, retryLoad, openOnNative, removeLoad, adoptKept, keptSource };
}
