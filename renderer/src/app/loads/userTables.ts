import { tableNameKey } from '../../../../shared/sql/identifiers';
import type { CatalogTable } from '../../engine/catalogQueries';

/**
 * Whether `table` names, in an engine's catalog, something the user made there: a table or view
 * of the engine's own database (temporary ones too) that the page did not load from a file
 * (`loadedHere`), and that is not the engine's view of a file (the native engine's, which outlive
 * the page and are made again at will: CatalogTable.fileView). A file is never loaded under such a
 * name: the in-app engine would drop the user's table if the load failed, the native engine's view
 * of the file would replace or hide it.
 */
export function madeByUser(catalog: readonly CatalogTable[], table: string, loadedHere: ReadonlySet<string> | undefined): boolean {
  if (loadedHere?.has(table)) return false;
  return catalog.some((known) => known.database === undefined && !known.fileView && tableNameKey(known.name) === tableNameKey(table));
}

/** The names an engine's catalog holds for anything but its views of files (see `madeByUser`), for the course's name rules. */
export function userTableNames(catalog: readonly CatalogTable[]): string[] {
  return catalog.filter((known) => !known.fileView).map((known) => known.name);
}
