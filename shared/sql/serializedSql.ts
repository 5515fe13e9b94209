/**
 * Reading SQL through DuckDB's own parser: `json_serialize_sql(sql)` returns the parsed statements
 * as JSON, and these walks read what a statement touches from that tree, never from the text.
 * (Only SELECT statements serialize; anything else comes back as `{"error": true, …}`.)
 */

/** The parse as DuckDB returns it; `error` set when the SQL is not one or more SELECT statements. */
export interface SerializedSql {
  error: boolean;
  error_message?: string;
  error_type?: string;
  statements?: unknown[];
}

export function parseSerializedSql(json: string): SerializedSql {
  const parsed = JSON.parse(json) as unknown;
  if (!isObject(parsed) || typeof parsed.error !== 'boolean') throw new Error('Not the output of json_serialize_sql.');
  return parsed as unknown as SerializedSql;
}

/**
 * The tables and views a statement reads (`FROM x`, `JOIN s.y`, in subqueries too), as written:
 * `schema.table` when qualified. Common table expressions the statement defines are not tables
 * it reads, and are left out.
 */
export function tableNamesRead(json: string | SerializedSql): string[] {
  const parsed = typeof json === 'string' ? parseSerializedSql(json) : json;
  if (parsed.error) return [];
  const read = new Set<string>();
  const ctes = new Set<string>();
  walk(parsed.statements, (node) => {
    if (node.type === 'BASE_TABLE' && typeof node.table_name === 'string') {
      const parts = [node.catalog_name, node.schema_name, node.table_name].filter((part): part is string => typeof part === 'string' && part.length > 0);
      read.add(parts.join('.'));
    }
    if (isObject(node.cte_map) && Array.isArray(node.cte_map.map)) {
      for (const entry of node.cte_map.map) if (isObject(entry) && typeof entry.key === 'string') ctes.add(entry.key.toLowerCase());
    }
  });
  return [...read].filter((name) => !ctes.has(name.toLowerCase()));
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

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, visit: (node: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (isObject(value)) {
    visit(value);
    for (const child of Object.values(value)) walk(child, visit);
  }
}
