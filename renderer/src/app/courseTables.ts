/**
 * A Lab course's tables in the workbench: each of its data files loaded under the name its
 * exercises use (shared/bundles/courseTables.ts), in the workbench's queue of loads
 * (useCourseTableLoads), and which of them do not hold the course's data in the engine now (the
 * Lab allows no check then).
 */
import { useCallback, useMemo, type RefObject } from 'react';
import { courseTableNames, holderOfName, missingCourseTables, type CourseTableLoad, type FileTable, type SessionTables } from '../../../shared/bundles/courseTables';
import type { Dataset, OpenedFile } from '../../../shared/contract/hostApi';
import { tableNameKey } from '../../../shared/sql/identifiers';
import type { CourseTablesLoad } from '../features/lab';
import type { CatalogTable, Engine } from '../engine/engine';
import { loadedWorkspace, type AppStore } from '../state/appStore';
import { isKeptFile } from './keptTables';
import type { LoadStates } from './loads/loadStates';
import { closeOnEngines, type LoadedIn, type LoadOrigin, type Source } from './loads/sources';
import { userTableNames } from './loads/userTables';

type LoadCourseTable = (dataset: Dataset, table: string, options: { replace: boolean; recorded: () => readonly OpenedFile[] }) => Promise<CourseTableLoad>;

function namedTables(datasets: readonly Dataset[]): { table: string; dataset: Dataset }[] {
  const names = courseTableNames(datasets.map((dataset) => dataset.fileName));
  return datasets.map((dataset, i) => ({ table: names[i]!, dataset }));
}

/** Loads a course's data files, each under the name its exercises use; what holds a name otherwise is said, not taken. */
export function useCourseTableLoader(store: AppStore, loadCourseTable: LoadCourseTable) {
  // The Lab reopens its course as the page starts: the workspace's files are read once it is there
  // (a file it recorded holds its name before the page has loaded it again).
  return useCallback(
    async (courseDatasets: readonly Dataset[], replace: boolean): Promise<CourseTablesLoad> => {
      await loadedWorkspace(store);
      const recorded = (): readonly OpenedFile[] => store.getState().workspace?.openedFiles ?? [];
      const outcome: CourseTablesLoad = { clashes: [], replacedFiles: [] };
      for (const { table, dataset } of namedTables(courseDatasets)) {
        const loaded = await loadCourseTable(dataset, table, { replace, recorded });
        if (loaded.kind === 'openedFile' || loaded.kind === 'userTable') outcome.clashes.push(loaded);
        else if (loaded.kind === 'loaded' && loaded.replacedFile !== null) outcome.replacedFiles.push(loaded.replacedFile);
      }
      return outcome;
    },
    [store, loadCourseTable],
  );
}

/** The open course's tables that do not hold its data in the current engine now (none without a course). */
export function useMissingCourseTables(
  /** The course's data files, in its manifest's order. */
  datasets: readonly Dataset[],
  loadedTables: ReadonlyMap<string, string>,
  catalog: readonly CatalogTable[],
): readonly string[] {
  return useMemo(
    () =>
      missingCourseTables(
        namedTables(datasets).map(({ table, dataset }) => ({ table, datasetId: dataset.id })),
        loadedTables,
        catalog.map((table) => table.name),
      ),
    [datasets, loadedTables, catalog],
  );
}

/** What the workbench's loads (useDatasets.ts) lend the course's loads: their records and their queue. */
export interface CourseTableLoadsCore {
  sources: RefObject<Map<string, Source>>;
  loadedIn: RefObject<LoadedIn>;
  currentEngine: RefObject<Engine>;
  loadStates: LoadStates;
  enqueue: <T>(work: () => Promise<T>) => Promise<T>;
  /** Loads `source` as `table` now, records it and says so; null when it did not load (said why). */
  loadAs: (source: Source, table: string, origin: LoadOrigin, announce: boolean) => Promise<string | null>;
  catalogOf: (target: Engine) => Promise<CatalogTable[]>;
  publishLoaded: () => void;
  report: (source: Source, error: unknown, origin: LoadOrigin) => void;
  onFileForgotten: ((path: string) => void) | undefined;
}

/** `loadCourseTable`, for useDatasets.ts: the course's files in the same queue and records as every other file. */
export function useCourseTableLoads({ sources, loadedIn, currentEngine, loadStates, enqueue, loadAs, catalogOf, publishLoaded, report, onFileForgotten }: CourseTableLoadsCore): LoadCourseTable {
  /**
   * What holds which names now: the tables made for files (loaded, or recorded to be loaded again)
   * and the names the engine holds for the user (see loads/userTables.ts); with the whole catalog.
   */
  const sessionTables = useCallback(async (target: Engine, recorded: readonly OpenedFile[]): Promise<{ session: SessionTables; catalog: readonly CatalogTable[] }> => {
    const files: FileTable[] = [...sources.current].map(([table, source]) =>
      source.kind === 'dataset'
        ? { table, path: source.dataset.displayPath, fileName: source.dataset.fileName, kept: isKeptFile({ path: source.dataset.displayPath, table }) }
        : { table, path: null, fileName: source.file.name, kept: false },
    );
    for (const file of recorded) {
      if (!sources.current.has(file.table)) files.push({ table: file.table, path: file.path, fileName: file.path.split(/[\\/]/).at(-1) ?? file.path, kept: isKeptFile(file) });
    }
    const catalog = await target.catalog();
    return { session: { files, catalog: userTableNames(catalog) }, catalog };
  }, [sources]);

  /**
   * Closes the table made for a file, on every engine that holds it, and forgets the file: the user
   * opens it again when they want it (under a free name then). Runs in the queue: no load of it runs.
   * `recordedPath`: the file the workspace recorded under this name, when the page has not loaded it yet.
   */
  const closeFileTable = useCallback(
    async (table: string, recordedPath: string | null): Promise<void> => {
      const source = sources.current.get(table);
      await closeOnEngines(loadedIn.current, table);
      sources.current.delete(table);
      loadStates.delete(table);
      const path = source?.kind === 'dataset' ? source.dataset.displayPath : recordedPath;
      if (path !== null) onFileForgotten?.(path);
      publishLoaded();
      await catalogOf(currentEngine.current).catch(() => undefined);
    },
    [catalogOf, currentEngine, loadedIn, loadStates, onFileForgotten, publishLoaded, sources],
  );

  /**
   * Loads one of a course's data files under exactly `table`, the name its exercises use (see
   * shared/bundles/courseTables.ts). A name anything else holds is never taken silently: the holder
   * comes back and nothing is loaded; with `replace`, a file the user opened is closed first (they
   * can open it again). A table the user made is never dropped, whatever `replace` says. The
   * course's own table (a reload; the native engine outlives the page) is reused under its name.
   */
  const loadCourseTable = useCallback(
    (dataset: Dataset, table: string, options: { replace: boolean; recorded: () => readonly OpenedFile[] }): Promise<CourseTableLoad> =>
      enqueue(async (): Promise<CourseTableLoad> => {
        const engine = currentEngine.current;
        try {
          const recorded = options.recorded();
          const { session, catalog } = await sessionTables(engine, recorded);
          const holder = holderOfName(table, dataset.displayPath, session);
          if (holder.kind === 'userTable' || (holder.kind === 'openedFile' && !options.replace)) return holder;
          const replacedFile = holder.kind === 'openedFile' ? holder.fileName : null;
          if (holder.kind === 'openedFile') await closeFileTable(holder.table, recorded.find((file) => file.table === holder.table)?.path ?? null);
          // The same file under another name (from a workspace of before course names were kept): moved to its own.
          for (const [other, source] of [...sources.current]) {
            if (other !== table && source.kind === 'dataset' && source.dataset.id === dataset.id) await closeFileTable(other, null);
          }
          const held = sources.current.get(table);
          const present = loadedIn.current.get(engine);
          if (held?.kind === 'dataset' && held.dataset.id === dataset.id && present?.has(table)) {
            if (catalog.some((known) => tableNameKey(known.name) === tableNameKey(table))) return { kind: 'loaded', replacedFile };
            // Loaded once, and dropped since (the trainee's DROP TABLE): loaded again, or Check stayed off until a reload.
            present.delete(table);
          }
          return (await loadAs({ kind: 'dataset', dataset }, table, 'page', true)) === null ? { kind: 'notLoaded' } : { kind: 'loaded', replacedFile };
        } catch (error) {
          report({ kind: 'dataset', dataset }, error, 'page');
          return { kind: 'notLoaded' };
        }
      }),
    [closeFileTable, currentEngine, enqueue, loadAs, loadedIn, report, sessionTables, sources],
  );
  return loadCourseTable;
}
