/**
 * Walks DuckDB's bound plan of a statement: the JSON `json_serialize_plan(sql)` returns. The
 * binder has already resolved every name, so a write's target carries the catalog and schema it
 * really lands in (an unqualified `CREATE TABLE t` names the default database, `CREATE TEMP
 * TABLE t` names `temp`). Nothing here reads SQL text.
 *
 * Shapes used (DuckDB 1.4): every operator is `{ type: 'LOGICAL_…', children: [...] }`; writes
 * keep their target in `table_info` (INSERT, UPDATE, DELETE) or `info` (CREATE …, DROP, ALTER)
 * with `catalog`, `schema` and the object's name under `table`, `view_name`, `index_name` or
 * `name`; a table function is `{ type: 'LOGICAL_GET', name: 'read_csv' }`.
 */

/** An object a statement creates, changes or drops, as the binder resolved it ('' = default catalog). */
export interface WriteTarget {
  operator: string;
  catalog: string;
  schema: string;
  name: string;
}

export interface PlanSummary {
  /** Every operator type in the plan, each once (`LOGICAL_INSERT`, `LOGICAL_COPY_TO_FILE`…). */
  operators: string[];
  writes: WriteTarget[];
  /** Table functions the plan calls (bound `LOGICAL_GET`s), lower-case, each once. */
  tableFunctions: string[];
}

/** Operators that create, change or drop a catalog entry or rows, and where their target sits. */
const writeOperators: Readonly<Record<string, 'table_info' | 'info'>> = {
  LOGICAL_INSERT: 'table_info',
  LOGICAL_UPDATE: 'table_info',
  LOGICAL_DELETE: 'table_info',
  LOGICAL_CREATE_TABLE: 'info',
  LOGICAL_CREATE_VIEW: 'info',
  LOGICAL_CREATE_INDEX: 'info',
  LOGICAL_CREATE_MACRO: 'info',
  LOGICAL_CREATE_SEQUENCE: 'info',
  LOGICAL_CREATE_TYPE: 'info',
  LOGICAL_CREATE_SCHEMA: 'info',
  LOGICAL_DROP: 'info',
  LOGICAL_ALTER: 'info',
};

/** The operators, writes and table functions of `json_serialize_plan`'s `plans`. */
export function summarizePlans(plans: readonly unknown[]): PlanSummary {
  const operators = new Set<string>();
  const writes: WriteTarget[] = [];
  const functions = new Set<string>();
  const stack: unknown[] = [...plans];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
      continue;
    }
    if (!isObject(node)) continue;
    if (typeof node.type === 'string' && node.type.startsWith('LOGICAL_')) {
      operators.add(node.type);
      const where = writeOperators[node.type];
      const target = where ? node[where] : undefined;
      if (where && isObject(target)) writes.push(targetOf(node.type, target));
      if (node.type === 'LOGICAL_GET' && typeof node.name === 'string') functions.add(node.name.toLowerCase());
    }
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return { operators: [...operators], writes, tableFunctions: [...functions] };
}

function targetOf(operator: string, info: Record<string, unknown>): WriteTarget {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  // CREATE SCHEMA names the schema itself; everything else names an object inside one.
  const name = text(info.table) || text(info.view_name) || text(info.index_name) || text(info.name) || text(info.schema);
  return { operator, catalog: text(info.catalog), schema: text(info.schema), name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
