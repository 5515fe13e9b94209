/**
 * Hostile SQL: statements a notebook, a lab bundle or a pasted script could hold, each with what
 * must happen on each engine. The native engine reads files on this machine, so every statement
 * that would write a file, reach another database, change a setting or read a file the user did
 * not open must be refused; the few statements listed as allowed are the workbench's normal use,
 * and must keep working.
 *
 * The in-app engine (duckdb-wasm in the page) has no access to the machine's files at all: what
 * it writes stays in its own memory. There the corpus checks that no statement stops the engine.
 *
 * Paths come from the test's layout (a scratch folder standing for the home folder, the app's
 * install folder and its data folder), so the corpus names real files that the tests watch.
 */

export interface HostileLayout {
  /** A CSV file the user opened, as table `victim`. */
  victimCsv: string;
  /** A DuckDB file the user opened, attached as `userdb`, holding table `important`. */
  userDb: string;
  /** The workbench's own database file, and its write-ahead log. */
  workbenchDb: string;
  workbenchWal: string;
  /** The app's install folder's samples, its catalog, and one sample file. */
  datasetsDir: string;
  catalogJson: string;
  sampleCsv: string;
  /** The app's data folder, and the native engine's spill folder inside it. */
  dataDir: string;
  spillDir: string;
  /** A file next to the opened one that the user did not open. */
  neighbourCsv: string;
  /** A folder of the user's where nothing may appear. */
  homeDir: string;
}

/** `refused`: the statement fails and changes nothing. `allowed`: it runs (the workbench's normal use). */
export type Outcome = 'refused' | 'allowed';

export interface HostileCase {
  name: string;
  sql(layout: HostileLayout): string;
  native: Outcome;
  /**
   * The statement would download something. In the page, the CSP (`connect-src 'self'`) stops it
   * at once; duckdb-wasm's Node build has no CSP and its synchronous request has no timeout.
   */
  downloads?: true;
}

const q = (path: string): string => `'${path.replaceAll("'", "''")}'`;

export const hostileSql: readonly HostileCase[] = [
  // Overwriting the user's opened files (issue 8, hole 1).
  { name: 'COPY over the opened CSV, in place', native: 'refused', sql: (l) => `COPY (SELECT 'pwned' AS x) TO ${q(l.victimCsv)} (USE_TMP_FILE false)` },
  { name: 'COPY over the opened CSV, through a temporary file', native: 'refused', sql: (l) => `COPY (SELECT 'pwned' AS x) TO ${q(l.victimCsv)} (FORMAT csv)` },
  { name: 'COPY a table over the opened CSV', native: 'refused', sql: (l) => `COPY victim TO ${q(l.victimCsv)} (HEADER false, USE_TMP_FILE false)` },
  { name: 'COPY over the opened DuckDB file', native: 'refused', sql: (l) => `COPY (SELECT 1) TO ${q(l.userDb)} (USE_TMP_FILE false)` },
  { name: 'COPY with odd casing and comments', native: 'refused', sql: (l) => `/* harmless */ cOpY -- really\n (select 'pwned') tO ${q(l.victimCsv)} (use_tmp_file FALSE)` },
  { name: 'COPY FROM a file the user did not open', native: 'refused', sql: (l) => `COPY victim FROM ${q(l.neighbourCsv)}` },
  { name: 'COPY next to the opened file', native: 'refused', sql: (l) => `COPY victim TO ${q(`${l.homeDir}/out.csv`)}` },
  // Destroying the user's databases (hole 2).
  { name: 'DETACH the opened database', native: 'refused', sql: () => 'DETACH userdb' },
  { name: 'ATTACH the opened database read-write', native: 'refused', sql: (l) => `ATTACH ${q(l.userDb)} AS rw` },
  { name: 'ATTACH the opened database again, read-only', native: 'refused', sql: (l) => `ATTACH ${q(l.userDb)} AS again (READ_ONLY)` },
  { name: 'ATTACH an in-memory database', native: 'refused', sql: () => "ATTACH ':memory:' AS mem" },
  { name: 'ATTACH a new file in the spill folder', native: 'refused', sql: (l) => `ATTACH ${q(`${l.spillDir}/evil.duckdb`)} AS spill` },
  { name: 'DETACH the scratch database', native: 'refused', sql: () => 'DETACH scratch' },
  { name: 'DETACH the imports database', native: 'refused', sql: () => 'DETACH imports' },
  { name: 'DROP a table of the opened database', native: 'refused', sql: () => 'DROP TABLE userdb.important' },
  { name: 'INSERT into the opened database', native: 'refused', sql: () => "INSERT INTO userdb.important VALUES (99, 'pwned')" },
  { name: 'DELETE from the opened database', native: 'refused', sql: () => 'DELETE FROM userdb.important' },
  // Writing into the app's install folder (hole 3).
  { name: 'COPY over the samples catalog', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(l.catalogJson)} (FORMAT csv)` },
  { name: 'COPY over a sample file', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(l.sampleCsv)} (USE_TMP_FILE false)` },
  { name: 'COPY a new file into the samples folder', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(`${l.datasetsDir}/planted.csv`)}` },
  // Destroying the workbench database (hole 4) and the data folder.
  { name: 'COPY over the workbench database', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(l.workbenchDb)} (USE_TMP_FILE false)` },
  { name: 'COPY over the workbench WAL', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(l.workbenchWal)} (USE_TMP_FILE false)` },
  { name: 'COPY into the data folder', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(`${l.dataDir}/workspace.json`)} (FORMAT csv)` },
  { name: 'COPY into the export staging folder', native: 'refused', sql: (l) => `COPY (SELECT 1 AS x) TO ${q(`${l.dataDir}/exports/planted.csv`)}` },
  { name: 'EXPORT DATABASE', native: 'refused', sql: (l) => `EXPORT DATABASE ${q(`${l.dataDir}/exports/dump`)}` },
  { name: 'IMPORT DATABASE', native: 'refused', sql: (l) => `IMPORT DATABASE ${q(l.dataDir)}` },
  // Extensions and settings.
  { name: 'INSTALL an extension', native: 'refused', sql: () => 'INSTALL httpfs', downloads: true },
  { name: 'LOAD an extension', native: 'refused', sql: () => 'LOAD httpfs', downloads: true },
  { name: 'SET allowed_paths', native: 'refused', sql: () => "SET allowed_paths = ['/']" },
  { name: 'SET enable_external_access', native: 'refused', sql: () => 'SET enable_external_access = true' },
  { name: 'SET lock_configuration', native: 'refused', sql: () => 'SET lock_configuration = false' },
  { name: 'SET memory_limit', native: 'refused', sql: () => "SET memory_limit = '1GB'" },
  { name: 'SET temp_directory', native: 'refused', sql: (l) => `SET temp_directory = ${q(l.homeDir)}` },
  { name: 'RESET allowed_directories', native: 'refused', sql: () => 'RESET allowed_directories' },
  { name: 'PRAGMA assignment of a setting', native: 'refused', sql: () => "PRAGMA memory_limit = '1GB'" },
  { name: 'PRAGMA profiling output into the opened file', native: 'refused', sql: (l) => `PRAGMA profiling_output = ${q(l.victimCsv)}` },
  { name: 'PRAGMA enable_profiling', native: 'refused', sql: () => 'PRAGMA enable_profiling' },
  { name: 'USE another database', native: 'refused', sql: () => 'USE scratch' },
  { name: 'CREATE SECRET', native: 'refused', sql: () => "CREATE SECRET leak (TYPE http, BEARER_TOKEN 'x')" },
  { name: 'CREATE PERSISTENT SECRET', native: 'refused', sql: () => "CREATE PERSISTENT SECRET leak (TYPE http, BEARER_TOKEN 'x')" },
  // SQL hidden from the gate.
  { name: 'query() running a COPY', native: 'refused', sql: (l) => `SELECT * FROM query(${q(`COPY victim TO ${q(l.victimCsv)}`)})` },
  { name: 'query() running a SELECT', native: 'refused', sql: () => "SELECT * FROM query('SELECT 1')" },
  {
    name: 'json_execute_serialized_sql() running a query() hidden in its parse tree',
    native: 'refused',
    sql: () => "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM query(''SELECT 1'')'))",
  },
  { name: 'A SELECT then a COPY in one script', native: 'refused', sql: (l) => `SELECT 1; COPY (SELECT 'pwned') TO ${q(l.victimCsv)} (USE_TMP_FILE false)` },
  { name: 'Two queries in one script', native: 'refused', sql: () => 'SELECT 1; SELECT 2' },
  { name: 'A PRAGMA that DuckDB turns into a query', native: 'refused', sql: () => 'PRAGMA show_tables' },
  { name: 'A COPY hidden after a comment with a semicolon', native: 'refused', sql: (l) => `SELECT 1 /* ; */; copy (select 'pwned') to ${q(l.victimCsv)}` },
  { name: 'PREPARE a COPY', native: 'refused', sql: (l) => `PREPARE sneaky AS COPY victim TO ${q(l.victimCsv)}` },
  { name: 'CALL a table function', native: 'refused', sql: () => 'CALL checkpoint()' },
  { name: 'checkpoint() in a query', native: 'refused', sql: () => 'SELECT * FROM force_checkpoint()' },
  { name: 'EXPLAIN ANALYZE of a COPY', native: 'refused', sql: (l) => `EXPLAIN ANALYZE COPY victim TO ${q(l.victimCsv)}` },
  { name: 'BEGIN a transaction', native: 'refused', sql: () => 'BEGIN TRANSACTION' },
  // Writing where the host keeps its own objects.
  { name: 'CREATE TABLE in scratch', native: 'refused', sql: () => 'CREATE TABLE scratch.evil (a INTEGER)' },
  { name: 'CREATE TABLE in scratch from an opened file', native: 'refused', sql: () => 'CREATE TABLE scratch.evil AS SELECT * FROM victim' },
  { name: 'A CTE wrapping an INSERT into the opened database', native: 'refused', sql: () => "WITH src AS (SELECT 99 AS id, 'pwned' AS note) INSERT INTO userdb.important SELECT * FROM src" },
  { name: 'A CTE inside a CREATE TABLE in scratch', native: 'refused', sql: () => 'CREATE TABLE scratch.evil AS WITH src AS (SELECT * FROM victim) SELECT * FROM src' },
  { name: 'CREATE TABLE in imports', native: 'refused', sql: () => 'CREATE TABLE imports.main.evil AS SELECT 1 AS a' },
  { name: 'CREATE a view in the opened database', native: 'refused', sql: () => 'CREATE VIEW userdb.main.evil AS SELECT 1' },
  { name: 'DROP a dataset view', native: 'refused', sql: () => 'DROP VIEW victim' },
  { name: 'Replace a dataset view', native: 'refused', sql: () => "CREATE OR REPLACE TEMP VIEW victim AS SELECT 'pwned' AS x" },
  { name: 'Rename a dataset view', native: 'refused', sql: () => 'ALTER VIEW victim RENAME TO gone' },
  // Reading files the user did not open.
  { name: 'read_text of /etc/passwd', native: 'refused', sql: () => "SELECT * FROM read_text('/etc/passwd')" },
  { name: 'read_csv of a neighbouring file', native: 'refused', sql: (l) => `SELECT * FROM read_csv(${q(l.neighbourCsv)})` },
  { name: 'read_blob of the workspace', native: 'refused', sql: (l) => `SELECT * FROM read_blob(${q(`${l.dataDir}/workspace.json`)})` },
  { name: 'glob of the home folder', native: 'refused', sql: (l) => `SELECT * FROM glob(${q(`${l.homeDir}/*`)})` },
  // The workbench's normal use, which must keep working.
  { name: 'Reading the opened CSV', native: 'allowed', sql: () => 'SELECT count(*) FROM victim' },
  { name: 'Reading the opened CSV by its path', native: 'allowed', sql: (l) => `SELECT count(*) FROM read_csv(${q(l.victimCsv)})` },
  { name: 'Reading the opened database', native: 'allowed', sql: () => 'SELECT * FROM userdb.important ORDER BY id' },
  { name: 'DESCRIBE a dataset', native: 'allowed', sql: () => 'DESCRIBE victim' },
  { name: 'SUMMARIZE a dataset', native: 'allowed', sql: () => 'SUMMARIZE victim' },
  { name: 'SHOW TABLES', native: 'allowed', sql: () => 'SHOW TABLES' },
  { name: 'PIVOT a dataset, its values listed', native: 'allowed', sql: () => "PIVOT victim ON name IN ('Ada', 'Grace') USING count(*)" },
  { name: 'FROM-first, a window and a UNION', native: 'allowed', sql: () => 'FROM victim SELECT id, row_number() OVER (ORDER BY id) AS n UNION ALL SELECT 3, 3' },
  { name: 'The catalog as the app lists it', native: 'allowed', sql: () => "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'" },
  { name: 'DuckDB’s function list', native: 'allowed', sql: () => 'SELECT count(*) FROM duckdb_functions()' },
  { name: 'A table of your own from an opened file', native: 'allowed', sql: () => 'CREATE TABLE mine AS SELECT * FROM victim' },
  { name: 'Adding rows to your own table', native: 'allowed', sql: () => 'INSERT INTO mine SELECT * FROM victim' },
  { name: 'A temporary table', native: 'allowed', sql: () => 'CREATE TEMP TABLE cell_1 AS SELECT 42 AS answer' },
  { name: 'A view of your own', native: 'allowed', sql: () => 'CREATE VIEW mine_view AS SELECT * FROM mine' },
  { name: 'Dropping your own view and table', native: 'allowed', sql: () => 'DROP VIEW mine_view' },
  { name: 'Dropping your own table', native: 'allowed', sql: () => 'DROP TABLE mine' },
];
