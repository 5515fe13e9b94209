/**
 * Walks DuckDB's own parse of a query: the JSON `json_serialize_sql(sql)` returns. Nothing here
 * reads SQL text; DuckDB parsed it, and these functions only read the tree it produced. Used by
 * the native engine's statement gate (which table functions a query calls) and by anything that
 * needs a query's dependencies (which tables it reads).
 *
 * The tree's shapes used here (DuckDB 1.4):
 *   - a table named in FROM:    { type: 'BASE_TABLE', catalog_name, schema_name, table_name }
 *   - a table function in FROM: { type: 'TABLE_FUNCTION', function: { class: 'FUNCTION', function_name } }
 *   - a common table expression: a `cte_map: { map: [{ key: name, value }] }` on a query node
 * Subqueries, joins, set operations and CTE bodies are nested objects of the same shapes, so a
 * walk over every object finds them all.
 */

/** A table as a query names it: empty catalog or schema means DuckDB's defaults. */
export interface TableName {
  catalog: string;
  schema: string;
  name: string;
}

/** What a query reads, as DuckDB parsed it. */
export interface QueryReads {
  /** Tables and views named in FROM (CTE names excluded), each once. */
  tables: TableName[];
  /** Table functions called in FROM (`read_csv`, `range`…), lower-case, each once. */
  tableFunctions: string[];
}

/** The answer of `json_serialize_sql`: its statements, or DuckDB's reason it could not parse them. */
export type SerializedSql = { error: false; statements: unknown[] } | { error: true; error_type?: string; error_message?: string };

/** Parses `json_serialize_sql`'s text; anything that is not its shape is reported as an error. */
export function parseSerializedSql(json: string): SerializedSql {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { error: true, error_message: 'not JSON' };
  }
  if (!isObject(parsed)) return { error: true, error_message: 'not an object' };
  if (parsed.error === false && Array.isArray(parsed.statements)) return { error: false, statements: parsed.statements };
  return {
    error: true,
    ...(typeof parsed.error_type === 'string' ? { error_type: parsed.error_type } : {}),
    ...(typeof parsed.error_message === 'string' ? { error_message: parsed.error_message } : {}),
  };
}

/** Everything a serialized query (or its `statements`) reads. */
export function queryReads(json: unknown): QueryReads {
  const tree = typeof json === 'string' ? treeOf(json) : json;
  const cteNames = new Set<string>();
  const tables = new Map<string, TableName>();
  const functions = new Set<string>();
  walk(tree, (node) => {
    const map = isObject(node.cte_map) ? node.cte_map.map : undefined;
    if (Array.isArray(map)) for (const entry of map) if (isObject(entry) && typeof entry.key === 'string') cteNames.add(entry.key.toLowerCase());
    if (node.type === 'BASE_TABLE' && typeof node.table_name === 'string') {
      const table: TableName = { catalog: stringOr(node.catalog_name), schema: stringOr(node.schema_name), name: node.table_name };
      tables.set(JSON.stringify([table.catalog, table.schema, table.name].map((part) => part.toLowerCase())), table);
    }
    if (node.type === 'TABLE_FUNCTION' && isObject(node.function) && typeof node.function.function_name === 'string') {
      functions.add(node.function.function_name.toLowerCase());
    }
  });
  // A name in FROM that a CTE defines reads the CTE, not a table (DuckDB resolves it so when unqualified).
  const read = [...tables.values()].filter((table) => table.catalog !== '' || table.schema !== '' || !cteNames.has(table.name.toLowerCase()));
  return { tables: read, tableFunctions: [...functions] };
}

/**
 * The tables and views a query reads, as their names appear (qualified with the catalog and
 * schema the query wrote, if any): `"sales"`, `"shop.customers"`. CTE names are not included.
 */
export function tableNamesRead(json: unknown): string[] {
  return queryReads(json).tables.map((table) => [table.catalog, table.schema, table.name].filter((part) => part !== '').join('.'));
}

/** The table functions a query calls, lower-case: `read_csv`, `range`, `query`… */
export function tableFunctionsCalled(json: unknown): string[] {
  return queryReads(json).tableFunctions;
}

/** A string literal in the SQL naming a file to read, and where it starts (a byte offset into the UTF-8 SQL). */
export interface FileLiteral {
  value: string;
  byteOffset: number;
}

/**
 * The string literals a statement reads files from: the positional arguments of table functions
 * (`read_csv('a.csv')`, `read_parquet(['a.parquet', 'b.parquet'])`) and DuckDB's replacement
 * scans (`FROM 'data.csv'`). Named parameters (`header = true`) are not files.
 */
export function fileLiteralsRead(json: string | SerializedSql): FileLiteral[] {
  const parsed = typeof json === 'string' ? parseSerializedSql(json) : json;
  if (parsed.error) return [];
  const found: FileLiteral[] = [];
  walk(parsed.statements, (node) => {
    if (node.type === 'TABLE_FUNCTION' && isObject(node.function) && Array.isArray(node.function.children)) {
      for (const argument of node.function.children) collectStrings(argument, found);
    }
    if (node.type === 'BASE_TABLE' && node.schema_name === '' && node.catalog_name === '' && typeof node.table_name === 'string') {
      const location = node.query_location;
      if (typeof location === 'number' && location < 2 ** 53 - 1 && looksLikeFile(node.table_name)) found.push({ value: node.table_name, byteOffset: location });
    }
  });
  return found;
}

/** A replacement scan names a file by its extension or folder (`FROM 'x.csv'`); a plain name is a table. */
function looksLikeFile(name: string): boolean {
  return name.includes('.') || name.includes('/') || name.includes('\\');
}

function collectStrings(expression: unknown, found: FileLiteral[]): void {
  if (!isObject(expression)) return;
  if (expression.type === 'VALUE_CONSTANT' && isObject(expression.value)) {
    const { value } = expression;
    const location = expression.query_location;
    if (isObject(value.type) && value.type.id === 'VARCHAR' && typeof value.value === 'string' && typeof location === 'number' && location < 2 ** 53 - 1) {
      found.push({ value: value.value, byteOffset: location });
    }
    return;
  }
  // A list of files: list_value('a', 'b').
  if (expression.class === 'FUNCTION' && expression.function_name === 'list_value' && Array.isArray(expression.children)) {
    for (const child of expression.children) collectStrings(child, found);
  }
}

function treeOf(json: string): unknown {
  const parsed = parseSerializedSql(json);
  return parsed.error ? null : parsed.statements;
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  // Iterative: a hostile query can nest deeper than the call stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const child of item) stack.push(child);
    } else if (isObject(item)) {
      visit(item);
      for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
