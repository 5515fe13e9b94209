/**
 * A Lab course's tables in the workbench: each of its data files loaded under the name its
 * exercises use (shared/bundles/courseTables.ts), and which of them do not hold the course's data
 * in the engine now (the Lab allows no check then).
 */
import { useCallback, useMemo } from 'react';
import { courseTableNames, missingCourseTables, type CourseTableLoad } from '../../../shared/bundles/courseTables';
import type { Dataset, OpenedFile } from '../../../shared/contract/hostApi';
import type { CourseTablesLoad } from '../features/lab';
import type { CatalogTable } from '../engine/engine';
import { loadedWorkspace, type AppStore } from '../state/appStore';

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
