/**
 * A course's tables are the names its exercises use. The instructor's solutions ran against its
 * data files named after themselves (`bundle build`), and `grade` names them the same way: so in
 * the app each file must be loaded under exactly that name, never under a free one beside it
 * (`penguins_2`), or the trainee's `FROM penguins` would read whatever else holds `penguins`, and
 * the feedback and the grade would be about other data without a word.
 */
import { tableNameForFile, tableNameKey } from '../sql/identifiers';

/**
 * The tables a course declares, one per data file in the manifest's order: each named after its
 * file, made unique among the course's own files only (`a.csv`, `a.json` → `a`, `a_2`).
 */
export function courseTableNames(fileNames: readonly string[]): string[] {
  const names: string[] = [];
  for (const fileName of fileNames) names.push(tableNameForFile(fileName, names));
  return names;
}

/** A table the app made for a file (or is to make again: the workspace recorded it). */
export interface FileTable {
  table: string;
  /** Where the file is; null for a file dropped on the page, which gave only its bytes. */
  path: string | null;
  fileName: string;
  /** A table the user made and kept (written to a file of the app's): the user's work, not a file they opened. */
  kept: boolean;
}

/** What the session holds under some names. */
export interface SessionTables {
  /** The tables made for files, loaded in the page or recorded by the workspace to be loaded again. */
  files: readonly FileTable[];
  /** Every table and view the engine holds (tables made with SQL among them). */
  catalog: readonly string[];
}

/** Who holds a course's table name, and so what may be done about it. */
export type NameHolder =
  /** Nobody: the course's file loads under its name. */
  | { kind: 'free' }
  /** The course's own file (a reload, the course opened again): the table is reused, never renamed. */
  | { kind: 'course' }
  /** A file the user opened, which they can open again at any time: it may be closed, if they choose. */
  | { kind: 'openedFile'; table: string; fileName: string }
  /** A table or view the user made (with SQL, or kept): their work, never dropped by the app. */
  | { kind: 'userTable'; table: string };

/** A course's table whose name something else holds. */
export type NameClash = Exclude<NameHolder, { kind: 'free' } | { kind: 'course' }>;

/** DuckDB compares names case-insensitively: `Penguins` holds `penguins`. */
function sameName(a: string, b: string): boolean {
  return tableNameKey(a) === tableNameKey(b);
}

/**
 * Who holds `table`, which the course's file at `coursePath` needs. Tables made for files are
 * known by their file; anything else the engine holds under that name was made by the user.
 */
export function holderOfName(table: string, coursePath: string, session: SessionTables): NameHolder {
  const file = session.files.find((candidate) => sameName(candidate.table, table));
  if (file) {
    if (file.kept) return { kind: 'userTable', table: file.table };
    if (file.path === coursePath) return { kind: 'course' };
    return { kind: 'openedFile', table: file.table, fileName: file.fileName };
  }
  const made = session.catalog.find((name) => sameName(name, table));
  return made === undefined ? { kind: 'free' } : { kind: 'userTable', table: made };
}

/**
 * The course's tables that do not hold its data in the engine now: not loaded (yet, or refused
 * because their name is taken), or gone since. `loaded` gives, for each table the app loaded from
 * a file into this engine, that file's dataset id; `catalog` what the engine holds now (a table the
 * user dropped is gone from it). While any is missing, no exercise may be checked: the trainee's
 * SQL would read other data, or fail on a missing table, and the feedback would say it is wrong.
 */
export function missingCourseTables(
  tables: readonly { table: string; datasetId: string }[],
  loaded: ReadonlyMap<string, string>,
  catalog: readonly string[],
): string[] {
  return tables
    .filter(({ table, datasetId }) => loaded.get(table) !== datasetId || !catalog.some((name) => sameName(name, table)))
    .map(({ table }) => table);
}

/**
 * How loading one of a course's tables ended: loaded (in place of a file the user opened, which was
 * closed at their request: `replacedFile` names it), not loaded (the loads list says why), or not
 * tried because its name is held by something else.
 */
export type CourseTableLoad = { kind: 'loaded'; replacedFile: string | null } | { kind: 'notLoaded' } | NameClash;
