import { splitQuery, postgreSplitterOptions } from 'dbgate-query-splitter';
import type { SplitResultItemRich } from 'dbgate-query-splitter/lib/splitQuery';

/** One SQL statement of a script, with where it stands in the script (UTF-16 offsets). */
export interface ScriptStatement {
  sql: string;
  /** Offset of the statement's first character in the script. */
  start: number;
  end: number;
}

// DuckDB's dialect is PostgreSQL's for quoting: '', "", $$ $$, -- and /* */ comments.
const splitterOptions = { ...postgreSplitterOptions, returnRichInfo: true, copyFromStdin: false };

const commentOnly = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*$/;

/** Splits a script into its statements, dropping empty ones and ones that are only comments. */
export function splitStatements(script: string): ScriptStatement[] {
  const items = splitQuery(script, splitterOptions) as SplitResultItemRich[];
  const statements: ScriptStatement[] = [];
  for (const item of items) {
    if (commentOnly.test(item.text)) continue;
    const start = item.trimStart?.position ?? item.start.position;
    const end = item.trimEnd?.position ?? item.end.position;
    statements.push({ sql: item.text, start, end });
  }
  return statements;
}

/**
 * The statement a Run at `offset` means: the one the cursor is in, or, when the cursor sits in the
 * blank space between two statements, the one before it (the one just typed).
 */
export function statementAt(script: string, offset: number): ScriptStatement | null {
  const statements = splitStatements(script);
  let candidate: ScriptStatement | null = null;
  for (const statement of statements) {
    if (statement.start <= offset) candidate = statement;
    if (offset <= statement.end) break;
  }
  return candidate ?? statements[0] ?? null;
}

/** Statements that only read: after them the catalog cannot have changed. */
const readOnlyStart = /^(?:select|with|from|values|table|describe|show|summarize|explain|pivot|unpivot)\b/i;

/** True when the statement only reads (a query), judged by its first keyword after comments and parentheses. */
export function isReadOnlyStatement(sql: string): boolean {
  const start = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return readOnlyStart.test(start);
}
