import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dataset } from '../../../shared/contract/hostApi';
import { formatForFileName, nativeOnly, needsNativeReader } from '../../../shared/contract/fileFormats';
import { tableNameForFile } from '../../../shared/sql/identifiers';
import { EngineError, type CatalogTable, type Engine, type EngineFileFormat } from '../engine/engine';
import { headline } from '../engine/engineMessages';
import type { Notify } from '../state/notificationsSlice';
import { t } from '../i18n/i18n';
import type { LoadProgress } from '../features/status/StatusBar';
import { setCatalogVocabulary } from '../features/editor/monacoSetup';

/** Where a table came from, to load it again into another engine, or after a restart. */
type Source =
  | { kind: 'dataset'; dataset: Dataset }
  | { kind: 'dropped'; file: File; format: EngineFileFormat };

function fileNameOf(source: Source): string {
  return source.kind === 'dataset' ? source.dataset.fileName : source.file.name;
}

/**
 * Getting files into the engine as tables named after the files. The same tables follow the user
 * from one engine to the other: switching engines loads them into the new one under the same
 * names. Loads run one at a time, each with a progress bar.
 */
export function useDatasets(
  engine: Engine,
  notify: Notify,
  switchToNative: () => void,
  /** A file the host opened is now the table `table`: the workspace records it, to open it again. */
  onDatasetLoaded: (dataset: Dataset, table: string) => void,
) {
  const [tables, setTables] = useState<CatalogTable[]>([]);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Every table the user loaded, by name. */
  const sources = useRef(new Map<string, Source>());
  /** The tables each engine holds. */
  const loadedIn = useRef(new WeakMap<Engine, Set<string>>());

  const refreshCatalog = useCallback(async () => {
    const next = await engine.catalog();
    setTables(next);
    setCatalogVocabulary(next);
    return next;
  }, [engine]);

  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  /** Loads one source into the engine as `table`; returns the row count when the engine knows it. */
  const loadInto = useCallback(
    async (source: Source, table: string): Promise<number | null> => {
      const name = fileNameOf(source);
      const label = t('catalog.loading', { name });
      setProgress({ label, fraction: null });
      try {
        let rowCount: number | null;
        if (source.kind === 'dataset') {
          ({ rowCount } = await engine.loadDataset(source.dataset, table, ({ phase, fraction }) =>
            setProgress({ label: phase === 'preparing' ? t('catalog.converting', { name }) : label, fraction }),
          ));
        } else {
          const bytes = new Uint8Array(await source.file.arrayBuffer());
          ({ rowCount } = await engine.loadFile({ table, fileName: name, format: source.format, bytes }));
        }
        let present = loadedIn.current.get(engine);
        if (!present) loadedIn.current.set(engine, (present = new Set()));
        present.add(table);
        sources.current.set(table, source);
        return rowCount;
      } finally {
        setProgress(null);
      }
    },
    [engine],
  );

  /**
   * Loads a source as a table. `recordedTable` is the name the workspace recorded for this file:
   * reopened after a reload or a restart, it keeps its name, and an engine that still holds it (the
   * native engine outlives the page) gets the same table again rather than a second one.
   */
  const load = useCallback(
    (source: Source, recordedTable?: string): Promise<string | null> =>
      enqueue(async () => {
        const name = fileNameOf(source);
        const already = [...sources.current].find(([, known]) => known.kind === 'dataset' && source.kind === 'dataset' && known.dataset.id === source.dataset.id);
        if (already && loadedIn.current.get(engine)?.has(already[0])) return already[0];
        try {
          const existing = [...(await engine.catalog()).map((table) => table.name), ...sources.current.keys()];
          const recordedFree = recordedTable !== undefined && !sources.current.has(recordedTable);
          const table = already?.[0] ?? (recordedFree ? recordedTable : tableNameForFile(name, existing));
          const rowCount = await loadInto(source, table);
          if (source.kind === 'dataset') onDatasetLoaded(source.dataset, table);
          await refreshCatalog();
          notify(
            'info',
            source.kind === 'dataset' && nativeOnly(source.dataset.format)
              ? t('catalog.attachedDatabase', { name, table })
              : rowCount === null
                ? t('catalog.attached', { name, table })
                : t('catalog.loaded', { name, table, rows: rowCount }),
          );
          return table;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof EngineError && error.remedy === 'nativeEngine') {
            // Offered, not done: switching engines is the user's call. If they take it, the file
            // loads on the native engine with the other tables.
            const table = tableNameForFile(name, sources.current.keys());
            notify('error', message, undefined, {
              label: t('engine.switchToNative'),
              run: () => {
                sources.current.set(table, source);
                switchToNative();
              },
            });
          } else {
            notify('error', t('error.fileLoad', { file: name, message: headline(message) }), message);
          }
          return null;
        }
      }),
    [engine, enqueue, loadInto, notify, onDatasetLoaded, refreshCatalog, switchToNative],
  );

  /** Loads every known table the engine does not hold yet (a switched-to or restarted engine). */
  const catchUp = useCallback(
    (announce: (count: number) => string) =>
      enqueue(async () => {
        if (!(await engine.ready.then(() => true, () => false))) return;
        const present = loadedIn.current.get(engine);
        let count = 0;
        for (const [table, source] of sources.current) {
          if (present?.has(table)) continue;
          try {
            await loadInto(source, table);
            count++;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            notify('error', t('error.fileLoad', { file: fileNameOf(source), message: headline(message) }), message);
          }
        }
        await refreshCatalog().catch(() => undefined);
        if (count > 0) notify('info', announce(count));
      }),
    [engine, enqueue, loadInto, notify, refreshCatalog],
  );

  // Switching engines brings the tables along.
  useEffect(() => {
    void catchUp((count) => t('catalog.reloaded', { count, engine: t(engine.labelKey) }));
  }, [engine, catchUp]);

  // After a restart the engine is empty: load every table again from where it came, under its name.
  useEffect(
    () =>
      engine.onRestarted(() => {
        loadedIn.current.delete(engine);
        void catchUp(() => t('engine.restarted'));
      }),
    [engine, catchUp],
  );

  /** Loads under way, by dataset: the file browser and the host's "opened" event ask for the same file. */
  const pending = useRef(new Map<string, Promise<string | null>>());
  const loadDataset = useCallback(
    (dataset: Dataset, recordedTable?: string) => {
      const running = pending.current.get(dataset.id);
      if (running) return running;
      const started = load({ kind: 'dataset', dataset }, recordedTable).finally(() => pending.current.delete(dataset.id));
      pending.current.set(dataset.id, started);
      return started;
    },
    [load],
  );

  /** A file dropped on the page in browser mode: the user handed over its bytes directly. */
  const loadLocalFile = useCallback(
    (file: File) => {
      const format = formatForFileName(file.name);
      // A dropped file's bytes are all the page has; Parquet and JSON need the main side to read them.
      if (!format || needsNativeReader(format) || nativeOnly(format)) {
        notify('error', t('error.fileUnsupported', { file: file.name }));
        return Promise.resolve(null);
      }
      if (file.size === 0) {
        notify('error', t('error.fileEmpty', { file: file.name }));
        return Promise.resolve(null);
      }
      const refusal = engine.refuseFile(file.name, file.size);
      if (refusal) {
        notify('error', refusal.message);
        return Promise.resolve(null);
      }
      return load({ kind: 'dropped', file, format: format as EngineFileFormat });
    },
    [engine, load, notify],
  );

  return { tables, progress, refreshCatalog, loadDataset, loadLocalFile };
}
