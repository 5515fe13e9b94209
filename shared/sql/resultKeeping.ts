/**
 * How the in-app engine may keep a statement's result as a table inside the engine, so that the
 * page holds only the windows of rows on screen (renderer/src/engine/wasm/wasmResults.ts).
 *
 * duckdb-wasm runs one call at a time in its worker: a `CREATE TABLE … AS` of ten million rows
 * blocks it for seconds, and no row can be read before it ends. So a query is first streamed as
 * before (its first rows on screen at once), and only when it turns out large is it run a second
 * time into a table. Running it again must give the same rows and change nothing: that is judged
 * here from its text.
 */

/**
 * - `none`: not a query (or one DuckDB cannot put in a subquery): its result is held in the page.
 * - `streamThenTable`: a query that gives the same rows when run again.
 * - `tableFirst`: a query whose rows may differ when run again, or that changes something when run
 *   (random values, sequences, the clock, sampling): it is run once, into the table, before its
 *   first rows are read.
 */
export type ResultKeeping = 'none' | 'streamThenTable' | 'tableFirst';

/** Statements that DuckDB accepts as a subquery (and whose columns DESCRIBE can name). */
const queryStart = /^(?:select|with|from|values|table|pivot|unpivot)\b/i;
/**
 * A `WITH` that feeds a statement that writes (INSERT OR REPLACE, UPDATE of a qualified or aliased
 * table, MERGE…): any of these words makes it one. A query with a column of that name is only held
 * in the page, which is never wrong.
 */
const writes = /\b(?:insert|update|delete|merge)\b/i;
/** Functions and clauses whose values change from one run to the next, or that change the database. */
const volatile =
  /\b(?:random|setseed|nextval|setval|currval|uuid|gen_random_uuid|uuidv4|uuidv7|now|today|get_current_time|get_current_timestamp|transaction_timestamp)"?\s*\(|\b(?:current_timestamp|current_time|current_date|localtime|localtimestamp|tablesample|using\s+sample)\b/i;

/** The statement without leading blanks, comments and opening parentheses. */
function statementStart(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
}

export function resultKeeping(sql: string): ResultKeeping {
  const start = statementStart(sql);
  if (!queryStart.test(start)) return 'none';
  if (/^with\b/i.test(start) && writes.test(start)) return 'none';
  return volatile.test(sql) ? 'tableFirst' : 'streamThenTable';
}
