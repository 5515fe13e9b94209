import { tableNameKey } from '../../../../shared/sql/identifiers';
import type { CatalogTable } from '../../engine/catalogQueries';

/**
 * Whether `table` names, in an engine's catalog, something the user made there: a table or view
 * of the engine's own database that the page did not load from a file (`loadedHere`). A file is
 * never loaded under such a name (the in-app engine would drop the user's table if the load
 * failed, the native engine's view of the file would hide it). Temporary views are not the user's:
 * they are the native engine's views of files, which outlive the page and are made again at will.
 */
export function madeByUser(catalog: readonly CatalogTable[], table: string, loadedHere: ReadonlySet<string> | undefined): boolean {
  if (loadedHere?.has(table)) return false;
  return catalog.some((known) => known.database === undefined && !known.temporary && tableNameKey(known.name) === tableNameKey(table));
}

/** The names an engine's catalog holds for the user (see `madeByUser`), for the course's name rules. */
export function userTableNames(catalog: readonly CatalogTable[]): string[] {
  return catalog.filter((known) => !known.temporary).map((known) => known.name);
}
