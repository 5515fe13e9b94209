/**
 * The statement gate: every statement that reaches the native engine from outside (the editor,
 * notebooks, bundles: anything through /api/native) is checked here before it runs, with DuckDB's
 * own parser and binder, never by reading the SQL text:
 *
 *   - a query's parse tree (`json_serialize_sql`, which only a SELECT statement has) gives the
 *     table functions it calls;
 *   - for anything else, `extractStatements` splits the text as DuckDB will run it, and
 *     preparing the statement gives its type (SELECT, INSERT, COPY, ATTACH, SET…);
 *   - a write's bound plan (`json_serialize_plan`) gives the object it changes, with the catalog
 *     the binder resolved, when DuckDB can serialize that plan;
 *   - for every write, DuckDB's own rule that one transaction writes to one database proves the
 *     target: in a transaction that has touched the workbench database, a statement that would
 *     write anywhere else (scratch, imports, an attached file) fails before it runs, and the
 *     transaction is rolled back.
 *
 * Reading is allowed. Writing is allowed on the workbench's own database and on temporary
 * tables, except the dataset views the host made. Everything else (COPY, EXPORT/IMPORT
 * DATABASE, ATTACH/DETACH, INSTALL/LOAD, SET/RESET/PRAGMA, CREATE SECRET, CALL, EXPLAIN,
 * transactions, SQL-text table functions) is refused with a message that says what to use.
 *
 * The host's own statements (views over opened files, exports, attaching opened databases) run on
 * the same connection but never pass through here: the routes cannot reach them.
 */
import { StatementType, type DuckDBConnection, type DuckDBExtractedStatements, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { createTranslator, type MessageKey } from '../../../shared/i18n/translate';
import type { HostMessageParams } from '../../../shared/contract/hostApi';
import { quoteIdentifier, quoteLiteral } from '../../../shared/sql/identifiers';
import { parseSerializedSql, queryReads, type SerializedSql } from '../../../shared/sql/serializedSql';
import { summarizePlans } from '../../../shared/sql/serializedPlan';

const t = createTranslator();

/** What a statement from outside may change. */
export interface GatePolicy {
  /** The workbench database's catalog name (its file's name: `workbench`). */
  workbench: string;
  /** Temporary objects the host made (the dataset views), which SQL may read but not change. */
  reservedTemp(): Iterable<string>;
}

/** A statement the gate will not run; its message says why and what to use instead. */
export class StatementRefused extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: HostMessageParams = {},
  ) {
    super(t(key, params));
    this.name = 'StatementRefused';
  }
}

/** Table functions refused wherever they appear, and why. */
const refusedTableFunctions: Readonly<Record<string, MessageKey>> = {
  // Run SQL given as text (or as a serialized parse tree): what they run is not in the parse tree the gate checks.
  query: 'gate.sqlText',
  json_execute_serialized_sql: 'gate.sqlText',
  checkpoint: 'gate.tableFunction',
  force_checkpoint: 'gate.tableFunction',
};

/** Plan operators that never belong in a statement from outside, whatever its type claims. */
const refusedOperators: Readonly<Record<string, MessageKey>> = {
  LOGICAL_COPY_TO_FILE: 'gate.copy',
  LOGICAL_COPY_DATABASE: 'gate.copy',
  LOGICAL_EXPORT: 'gate.exportDatabase',
  LOGICAL_ATTACH: 'gate.attach',
  LOGICAL_DETACH: 'gate.attach',
  LOGICAL_LOAD: 'gate.extension',
  LOGICAL_SET: 'gate.setting',
  LOGICAL_RESET: 'gate.setting',
  LOGICAL_PRAGMA: 'gate.pragma',
  LOGICAL_CREATE_SECRET: 'gate.secret',
  LOGICAL_TRANSACTION: 'gate.transaction',
  LOGICAL_EXPLAIN: 'gate.explain',
  LOGICAL_PREPARE: 'gate.statement',
  LOGICAL_EXECUTE: 'gate.statement',
  LOGICAL_VACUUM: 'gate.statement',
};

/** Statement types refused outright, and why. */
const refusedTypes: Partial<Record<StatementType, MessageKey>> = {
  [StatementType.COPY]: 'gate.copy',
  [StatementType.EXPORT]: 'gate.exportDatabase',
  [StatementType.ATTACH]: 'gate.attach',
  [StatementType.DETACH]: 'gate.attach',
  [StatementType.LOAD]: 'gate.extension',
  [StatementType.EXTENSION]: 'gate.extension',
  [StatementType.SET]: 'gate.setting',
  [StatementType.VARIABLE_SET]: 'gate.setting',
  [StatementType.PRAGMA]: 'gate.pragma',
  [StatementType.CALL]: 'gate.call',
  [StatementType.EXPLAIN]: 'gate.explain',
  [StatementType.TRANSACTION]: 'gate.transaction',
};

const writeTypes = new Set<StatementType>([
  StatementType.INSERT,
  StatementType.UPDATE,
  StatementType.DELETE,
  StatementType.CREATE,
  StatementType.DROP,
  StatementType.ALTER,
]);

/**
 * Checks one request's SQL; throws StatementRefused (or DuckDB's own error, for SQL that does not
 * parse or bind) unless it may run. Runs on the connection the statement will run on, just before
 * it runs, so names resolve exactly as they will then (temporary tables are per connection).
 */
export async function admitStatement(connection: DuckDBConnection, sql: string, policy: GatePolicy): Promise<void> {
  // Most statements are one query, and DuckDB serializes only SELECT statements: a parse tree of
  // one statement is a query (prepared, it is always of type SELECT), and its tree is all a
  // query's check reads. Preparing it too would bind and plan it once more before it runs.
  const parsed = parseSerializedSql(await serialize(connection, 'json_serialize_sql', sql));
  if (!parsed.error && parsed.statements.length === 1 && isQueryTree(parsed.statements[0])) return refuseFunctions(queryReads(parsed.statements).tableFunctions);
  const extracted = await extractStatements(connection, sql);
  if (extracted.count === 0) return;
  if (extracted.count > 1) throw new StatementRefused('gate.oneStatement', { count: extracted.count });
  const prepared = await extracted.prepare(0);
  try {
    const type = prepared.statementType;
    const refused = refusedTypes[type];
    if (refused) throw new StatementRefused(refused, { kind: StatementType[type] ?? String(type) });
    // The text's parse tree is already at hand (a query turned from a PRAGMA has none, and is refused).
    if (type === StatementType.SELECT) return admitParsedQuery(parsed);
    if (writeTypes.has(type)) return await admitWrite(connection, sql, type, prepared, policy);
    throw new StatementRefused('gate.statement', { kind: StatementType[type] ?? String(type) });
  } finally {
    prepared.destroySync();
  }
}

/**
 * Checks a relation the renderer names for an export (a stored result, a table, a query in
 * parentheses): `SELECT * FROM relation` must be one statement that only reads.
 */
export async function admitRelation(connection: DuckDBConnection, relation: string): Promise<void> {
  try {
    const sql = `SELECT * FROM ${relation}`;
    const extracted = await extractStatements(connection, sql);
    if (extracted.count !== 1) throw new StatementRefused('gate.oneStatement', { count: extracted.count });
    const prepared = await extracted.prepare(0);
    const type = prepared.statementType;
    prepared.destroySync();
    if (type !== StatementType.SELECT) throw new StatementRefused('gate.statement', { kind: StatementType[type] ?? String(type) });
    await admitQuery(connection, sql);
  } catch (error) {
    throw new StatementRefused('gate.relation', { message: error instanceof Error ? error.message : String(error) });
  }
}

/** A query: DuckDB's parse tree must exist (a PRAGMA turned query has none) and call no refused function. */
async function admitQuery(connection: DuckDBConnection, sql: string): Promise<void> {
  admitParsedQuery(parseSerializedSql(await serialize(connection, 'json_serialize_sql', sql)));
}

function admitParsedQuery(parsed: SerializedSql): void {
  if (parsed.error) throw new StatementRefused('gate.unchecked', { reason: parsed.error_message ?? 'no parse tree' });
  refuseFunctions(queryReads(parsed.statements).tableFunctions);
}

async function admitWrite(connection: DuckDBConnection, sql: string, type: StatementType, prepared: DuckDBPreparedStatement, policy: GatePolicy): Promise<void> {
  const plan = parsePlans(await serialize(connection, 'json_serialize_plan', sql));
  if (plan.plans) {
    const summary = summarizePlans(plan.plans);
    for (const operator of summary.operators) {
      const refused = refusedOperators[operator];
      if (refused) throw new StatementRefused(refused, { kind: operator });
    }
    // Bound table functions, and those in parsed SQL the plan keeps (a view's or a macro's body).
    refuseFunctions([...summary.tableFunctions, ...queryReads(plan.plans).tableFunctions]);
    const reserved = new Set([...policy.reservedTemp()].map((name) => name.toLowerCase()));
    for (const target of summary.writes) {
      const catalog = target.catalog === '' ? policy.workbench : target.catalog;
      if (catalog.toLowerCase() === 'temp' && reserved.has(target.name.toLowerCase())) throw new StatementRefused('gate.reserved', { name: target.name });
      if (catalog.toLowerCase() !== 'temp' && catalog.toLowerCase() !== policy.workbench.toLowerCase()) {
        throw new StatementRefused('gate.writeOutside', { database: catalog });
      }
    }
  } else if (!unserializableButPlain(type, prepared)) {
    throw new StatementRefused('gate.unchecked', { reason: plan.reason });
  }
  await proveWriteTarget(connection, sql, policy);
}

/**
 * DuckDB cannot serialize some plans (its CSV reader has no serializer, so any write that reads
 * a CSV file). Those are let through to the transaction proof only when they are plain row
 * changes, or a CREATE whose answer is a row count (CREATE TABLE … AS): a CREATE SECRET, whose
 * plan is never serializable, answers with `Success`, and is refused.
 */
function unserializableButPlain(type: StatementType, prepared: DuckDBPreparedStatement): boolean {
  if (type === StatementType.INSERT || type === StatementType.UPDATE || type === StatementType.DELETE) return true;
  return type === StatementType.CREATE && prepared.columnCount === 1 && prepared.columnName(0) === 'Count';
}

/**
 * Starts the statement inside a transaction that has already touched the workbench database,
 * then rolls back. DuckDB lets one transaction write to one database (temporary objects aside),
 * and checks it before the statement runs: a write aimed anywhere else fails here.
 */
async function proveWriteTarget(connection: DuckDBConnection, sql: string, policy: GatePolicy): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(policy.workbench)}.main`);
    try {
      await connection.start(sql);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // DuckDB's TransactionContext error: the write is aimed at a second database.
      if (message.startsWith('TransactionContext Error')) throw new StatementRefused('gate.writeElsewhere', { message });
      throw error;
    }
  } finally {
    await connection.run('ROLLBACK');
  }
}

/** The query nodes DuckDB's parser makes for a SELECT statement (checked too, should a later DuckDB serialize more). */
const queryNodeTypes = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'CTE_NODE', 'RECURSIVE_CTE_NODE']);

function isQueryTree(statement: unknown): boolean {
  const node = (statement as { node?: { type?: unknown } } | null)?.node;
  return typeof node?.type === 'string' && queryNodeTypes.has(node.type);
}

function refuseFunctions(functions: readonly string[]): void {
  for (const name of functions) {
    const refused = refusedTableFunctions[name];
    if (refused) throw new StatementRefused(refused, { function: name });
  }
}

/**
 * DuckDB's statements as it will run them. Its parser's error comes as the user's own statement's
 * would (node-api puts "Failed to extract statements: " before it, which the in-app engine never says).
 */
async function extractStatements(connection: DuckDBConnection, sql: string): Promise<DuckDBExtractedStatements> {
  try {
    return await connection.extractStatements(sql);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(extractFailurePrefix)) throw new Error(error.message.slice(extractFailurePrefix.length), { cause: error });
    throw error;
  }
}

const extractFailurePrefix = 'Failed to extract statements: ';

function serialize(connection: DuckDBConnection, fn: 'json_serialize_sql' | 'json_serialize_plan', sql: string): Promise<string> {
  // A literal, not a parameter: json_serialize_plan takes only a constant (it plans while binding).
  return connection.runAndReadAll(`SELECT ${fn}(${quoteLiteral(sql)})::VARCHAR`).then((result) => String(result.getRows()[0]?.[0] ?? ''));
}

function parsePlans(json: string): { plans: unknown[] | null; reason: string } {
  try {
    const parsed = JSON.parse(json) as { error?: unknown; plans?: unknown; error_message?: unknown };
    if (parsed.error === false && Array.isArray(parsed.plans)) return { plans: parsed.plans, reason: '' };
    return { plans: null, reason: typeof parsed.error_message === 'string' ? parsed.error_message : 'no plan' };
  } catch {
    return { plans: null, reason: 'no plan' };
  }
}
