/**
 * Checking an exercise in the page: the trainee's SQL runs on the workbench's engine (the in-app
 * engine by default) and its result goes through the same pure checker the grader uses, so what
 * the trainee sees is what the instructor's re-grade will find.
 */
import { Table, type RecordBatch } from 'apache-arrow';
import type { CellText, CheckableResult } from '../../../../shared/bundles/canonicalRow';
import { checkInEngine } from '../../../../shared/bundles/checkInEngine';
import { checkResult, type CheckFeedback } from '../../../../shared/bundles/checker';
import { checkableFromArrow } from '../../../../shared/bundles/resultFromArrow';
import type { BundledExercise } from '../../../../shared/contract/bundle';
import type { Engine } from '../../engine/engine';

/** A check that runs longer is stopped: an exercise's SQL that never ends must not hold the page. */
export const checkTimeoutMs = 30_000;

/** The trainee's rows the Lab view shows (with the unexpected ones marked). */
export const shownRows = 200;

export type CheckOutcome =
  /** `result` holds the first rows of the trainee's result (at least `shownRows` of them, when there are). */
  | { kind: 'checked'; feedback: CheckFeedback; result: CheckableResult }
  | { kind: 'failed'; message: string }
  | { kind: 'timed-out' }
  | { kind: 'empty' };

/** One statement as the engine takes it: trailing semicolons and blanks removed. */
function singleStatement(sql: string): string {
  return sql.replace(/[\s;]+$/u, '');
}

export async function runCheck(engine: Engine, exercise: BundledExercise, sql: string, timeoutMs = checkTimeoutMs): Promise<CheckOutcome> {
  const statement = singleStatement(sql);
  if (statement.trim() === '') return { kind: 'empty' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const runQuery = async (query: string): Promise<Table> => {
    const stream = await engine.run(query, controller.signal);
    const batches: RecordBatch[] = [];
    for await (const batch of stream) batches.push(batch);
    return new Table(batches);
  };
  try {
    // In the engine first (fast on large results); row by row when it declines or the statement fails there.
    const inEngine = await checkInEngine(runQuery, statement, exercise.expected, exercise.check, shownRows);
    if (inEngine) return { kind: 'checked', feedback: inEngine.feedback, result: inEngine.preview };
    if (timedOut) return { kind: 'timed-out' };
    const table = await runQuery(statement);
    // A result with no batch at all has no schema either: no columns, no rows.
    const result: CheckableResult = table.batches.length > 0 ? checkableFromArrow(table) : { columns: [], rows: [] as CellText[][] };
    return { kind: 'checked', feedback: checkResult(result, exercise.expected, exercise.check), result };
  } catch (error) {
    if (timedOut) return { kind: 'timed-out' };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
