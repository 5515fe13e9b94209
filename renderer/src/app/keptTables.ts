import { useCallback, useMemo, useRef, useState } from 'react';
import type { Dataset, OpenedFile } from '../../../shared/contract/hostApi';
import { columnsRetypedByKeeping, keptTableFileName, keptTablesFolder } from '../../../shared/contract/keptTablesApi';
import { tableNameKey } from '../../../shared/sql/identifiers';
import type { CatalogTable, Engine } from '../engine/engine';
import { tableRelation } from '../engine/catalogQueries';
import { hostClient } from '../host/hostClient';
import { t } from '../i18n/i18n';
import type { Notify } from '../state/notificationsSlice';

/** Whether a recorded file is the kept file of its table (written by the host in its kept-tables folder). */
export function isKeptFile(file: OpenedFile): boolean {
  const parts = file.path.split(/[\\/]/);
  return parts.at(-2) === keptTablesFolder && parts.at(-1) === keptTableFileName(file.table);
}

/** Whether the workspace keeps table `table` in a file of its own (Keep), to bring it back after a reload. */
export function keepsTable(openedFiles: readonly OpenedFile[] | undefined, table: string): boolean {
  return (openedFiles ?? []).some((file) => tableNameKey(file.table) === tableNameKey(table) && isKeptFile(file));
}

/** How the catalog shows a table the user made on the in-app engine: lost on reload, or kept. */
export type TableKeeping = 'temporary' | 'kept';

/**
 * Tables made with SQL on the in-app engine (and files dropped on the page, which only gave their
 * bytes) live in the page's memory and are gone after a reload. The catalog marks them temporary
 * and offers Keep, which writes the table on the main side (see shared/contract/keptTablesApi.ts)
 * and records it with the workspace's files; Forget deletes that file (the table stays until the
 * reload). The native engine's own tables are written in its database and need neither.
 */
export function useKeptTables(
  engine: Engine,
  tables: readonly CatalogTable[],
  openedFiles: readonly OpenedFile[] | undefined,
  notify: Notify,
  adoptKept: (dataset: Dataset, table: string) => void,
  keptSource: (table: string, forget?: boolean) => Dataset | null,
) {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const busyNow = useRef(new Set<string>());
  const keeping = useMemo(() => {
    const byTable = new Map<string, TableKeeping>();
    if (!engine.tableRowsToKeep) return byTable;
    const recorded = new Map((openedFiles ?? []).map((file) => [file.table, file]));
    for (const table of tables) {
      // A table of an attached database is read from its file; every other one lives in memory.
      if (table.database !== undefined) continue;
      const file = recorded.get(table.name);
      if (!file) byTable.set(table.name, 'temporary');
      else if (isKeptFile(file)) byTable.set(table.name, 'kept');
    }
    return byTable;
  }, [engine, tables, openedFiles]);

  const track = useCallback(async (table: string, work: () => Promise<void>) => {
    if (busyNow.current.has(table)) return;
    busyNow.current.add(table);
    setBusy(new Set(busyNow.current));
    try {
      await work();
    } finally {
      busyNow.current.delete(table);
      setBusy(new Set(busyNow.current));
    }
  }, []);

  /** Writes the table on the main side; from then on it comes back with the workspace. */
  const keep = useCallback(
    (table: CatalogTable) =>
      track(table.name, async () => {
        try {
          const retyped = columnsRetypedByKeeping(table.columns);
          if (retyped.length > 0) throw new Error(t('kept.errorTypes', { columns: retyped.join(', '), count: retyped.length }));
          const rows = await engine.tableRowsToKeep?.(tableRelation(table));
          if (!rows) return;
          if (!('body' in rows)) throw new Error(t('export.errorTypesRetyped', { columns: rows.columns, count: rows.count }));
          const stagedId = await hostClient.exports.upload(rows.body, new AbortController().signal);
          adoptKept(await hostClient.keptTables.keep({ table: table.name, stagedId }), table.name);
          notify('info', t('kept.done', { table: table.name }));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          notify('error', t('kept.failed', { table: table.name, message }), message);
        }
      }),
    [engine, track, adoptKept, notify],
  );

  /** Deletes the table's kept file: the table stays in this session, temporary again. */
  const forget = useCallback(
    (table: CatalogTable) =>
      track(table.name, async () => {
        const dataset = keptSource(table.name);
        if (!dataset) return;
        try {
          await hostClient.keptTables.forget(dataset.id);
          keptSource(table.name, true);
          notify('info', t('kept.forgotten', { table: table.name }));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          notify('error', t('kept.forgetFailed', { table: table.name, message }), message);
        }
      }),
    [track, keptSource, notify],
  );

  return { keeping, busy, keep, forget };
}
