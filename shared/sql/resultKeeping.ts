/**
 * How the in-app engine may keep a statement's result as a table inside the engine, so that the
 * page holds only the windows of rows on screen (renderer/src/engine/wasm/wasmResults.ts).
 *
 * duckdb-wasm runs one call at a time in its worker: a `CREATE TABLE … AS` of ten million rows
 * blocks it for seconds, and no row can be read before it ends. So a query is first streamed as
 * before (its first rows on screen at once), and only when it turns out large is it run a second
 * time into a table. Running it again must give the same rows and change nothing: that is judged
 * here from its text, and from the bodies of the views and macros it names (`volatileObjects`).
 */

/**
 * - `none`: not a query (or one DuckDB cannot put in a subquery), or one that changes a sequence:
 *   it runs once, and its result is held in the page.
 * - `streamThenTable`: a query that gives the same rows when run again.
 * - `tableFirst`: a query whose rows may differ when run again (random values, the clock,
 *   sampling): it is run once, into the table, before its first rows are read.
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
/** Functions and clauses whose values change from one run to the next. */
const volatile =
  /\b(?:random|setseed|currval|uuid|gen_random_uuid|uuidv4|uuidv7|now|today|get_current_time|get_current_timestamp|transaction_timestamp)"?\s*\(|\b(?:current_timestamp|current_time|current_date|localtime|localtimestamp|tablesample|using\s+sample)\b/i;
/**
 * Calls that change a sequence. Such a query runs once and is held in the page: made a table in
 * the engine's own database, it would write two databases in one transaction, which DuckDB refuses.
 */
const changesSequence = /\b(?:nextval|setval)"?\s*\(/i;

/** Statements that are not queries but only read, and that DuckDB takes as a subquery. */
const readsAsSubquery = /^(?:summarize|describe|desc|show)\b/i;

/**
 * Whether a statement held whole in the page (`none`) may run again to be sorted or filtered:
 * only if it reads (SUMMARIZE, DESCRIBE, SHOW). Anything else would write again, change a
 * sequence again, or is no subquery DuckDB can take.
 */
export function heldMayRunAgain(sql: string): boolean {
  return readsAsSubquery.test(statementStart(sql));
}

/** The statement without leading blanks, comments and opening parentheses. */
function statementStart(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
}

/** How a view or macro behaves when run again: its rows vary, or it changes a sequence. */
export type Volatility = 'varies' | 'changesSequence';

/**
 * `volatileObjects`: the views and macros that are not the same when run again (`volatileObjects`);
 * a query that names one is kept as if it called the function in its body itself.
 */
export function resultKeeping(sql: string, volatileObjects: ReadonlyMap<string, Volatility> = new Map()): ResultKeeping {
  const start = statementStart(sql);
  if (!queryStart.test(start)) return 'none';
  if (/^with\b/i.test(start) && writes.test(start)) return 'none';
  if (changesSequence.test(sql) || namesAny(sql, volatileObjects, 'changesSequence')) return 'none';
  return volatile.test(sql) || namesAny(sql, volatileObjects) ? 'tableFirst' : 'streamThenTable';
}

/** The user's views and macros with their bodies, from DuckDB's catalog, for `volatileObjects`. */
export const userDefinitionsSql = `SELECT view_name AS name, sql AS body FROM duckdb_views() WHERE NOT internal
UNION ALL
SELECT function_name, macro_definition FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') AND NOT internal AND macro_definition IS NOT NULL`;

/**
 * The views and macros (by lower-case name) that are not the same when run again: their body
 * calls a volatile function or changes a sequence, or names another such view or macro. Names are
 * matched as words of the text, so a column or string of the same name counts too: that only
 * keeps a query as a table first, or in the page, which is never wrong.
 */
export function volatileObjects(definitions: readonly { name: string; body: string }[]): Map<string, Volatility> {
  const found = new Map<string, Volatility>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name, body } of definitions) {
      const key = name.toLowerCase();
      const volatility: Volatility | null =
        changesSequence.test(body) || namesAny(body, found, 'changesSequence') ? 'changesSequence' : volatile.test(body) || namesAny(body, found) ? 'varies' : null;
      if (volatility === null || found.get(key) === volatility || found.get(key) === 'changesSequence') continue;
      found.set(key, volatility);
      grew = true;
    }
  }
  return found;
}

/** Whether `text` names, as a word, one of `objects` (of `volatility`, or any): identifiers are not case-sensitive. */
function namesAny(text: string, objects: ReadonlyMap<string, Volatility>, volatility?: Volatility): boolean {
  if (objects.size === 0) return false;
  const lower = text.toLowerCase();
  for (const [name, itsVolatility] of objects) {
    if (volatility !== undefined && itsVolatility !== volatility) continue;
    for (let at = lower.indexOf(name); at !== -1; at = lower.indexOf(name, at + 1)) {
      if (!isWordCharacter(lower[at - 1]) && !isWordCharacter(lower[at + name.length])) return true;
    }
  }
  return false;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}_$]/u.test(character);
}
