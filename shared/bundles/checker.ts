/**
 * Checks a trainee's result against an exercise's hidden expected result. Pure, so the main side
 * (bundle build, grading) and the page (the Lab view, on the in-app engine) run the very same
 * check. The feedback says what is wrong without giving the answer: counts, column names the
 * exercise asks for, and which of the trainee's own rows are not expected.
 */
import type { CheckPolicy, ExpectedResult, ResultColumn, RowDigestAlgorithm } from '../contract/bundle';
import { canonicalRowText, currentRowDigest, rowDigest, typeFamily, type CellText, type CheckableResult, type TypeFamily } from './canonicalRow';

export interface WrongType {
  /** The column as the trainee's result names it. */
  column: string;
  expected: TypeFamily;
  actual: TypeFamily;
}

export interface CheckFeedback {
  correct: boolean;
  expectedRowCount: number;
  actualRowCount: number;
  /** Expected columns the result lacks: their names, or (policy `positions`) their 1-based places. */
  missingColumns: string[];
  /** The result's columns the exercise does not ask for (empty when the policy allows extras). */
  extraColumns: string[];
  wrongTypes: WrongType[];
  /** The trainee's rows that are expected rows (each expected row counted once). */
  matchingRows: number;
  /** Indices (0-based) of the trainee's rows that match no expected row: the grid highlights them. */
  unexpectedRows: number[];
  /** Every row is right, but order matters and they are not in the expected order. */
  wrongOrder: boolean;
}

/** Columns compared in the expected order: for each expected column, the index of the trainee's column, or -1. */
function matchColumns(expected: readonly ResultColumn[], actual: readonly ResultColumn[], policy: CheckPolicy): number[] {
  if (policy.columns === 'positions') return expected.map((_, i) => (i < actual.length ? i : -1));
  const used = new Set<number>();
  return expected.map((column) => {
    const wanted = column.name.toLowerCase();
    const index = actual.findIndex((candidate, i) => !used.has(i) && candidate.name.toLowerCase() === wanted);
    if (index >= 0) used.add(index);
    return index;
  });
}

/** What the columns alone say: how the trainee's columns map onto the expected ones, and what is missing, extra or of the wrong type. */
export interface ColumnComparison {
  /** For each expected column, the index of the trainee's column, or -1. */
  mapping: number[];
  /** The expected columns' type families, in the expected order. */
  families: TypeFamily[];
  missingColumns: string[];
  extraColumns: string[];
  wrongTypes: WrongType[];
}

export function compareColumns(columns: readonly ResultColumn[], expected: ExpectedResult, policy: CheckPolicy): ColumnComparison {
  const mapping = matchColumns(expected.columns, columns, policy);
  const matched = new Set(mapping.filter((index) => index >= 0));
  const missingColumns = expected.columns.flatMap((column, i) =>
    mapping[i]! >= 0 ? [] : [policy.columns === 'positions' ? String(i + 1) : column.name],
  );
  const extraColumns = policy.extraColumnsAllowed ? [] : columns.filter((_, i) => !matched.has(i)).map((column) => column.name);
  const families = expected.columns.map((column) => typeFamily(column.type));
  const wrongTypes: WrongType[] = [];
  mapping.forEach((index, i) => {
    if (index < 0) return;
    const actual = typeFamily(columns[index]!.type);
    if (actual !== families[i]) wrongTypes.push({ column: columns[index]!.name, expected: families[i]!, actual });
  });
  return { mapping, families, missingColumns, extraColumns, wrongTypes };
}

/** The feedback when an expected column is missing: rows cannot be compared without every expected column. */
export function feedbackWithoutRows(comparison: ColumnComparison, expected: ExpectedResult, actualRowCount: number): CheckFeedback {
  const { missingColumns, extraColumns, wrongTypes } = comparison;
  const unexpectedRows = Array.from({ length: actualRowCount }, (_, i) => i);
  return { expectedRowCount: expected.rowCount, actualRowCount, missingColumns, extraColumns, wrongTypes, correct: false, matchingRows: 0, unexpectedRows, wrongOrder: false };
}

/**
 * The feedback from the trainee's row digests (in the trainee's order): each expected row is
 * counted once, the first trainee rows with a digest taking it; the rest are unexpected.
 */
export function feedbackFromDigests(comparison: ColumnComparison, digests: readonly string[], expected: ExpectedResult, policy: CheckPolicy): CheckFeedback {
  const remaining = new Map<string, number>();
  for (const digest of expected.rowDigests) remaining.set(digest, (remaining.get(digest) ?? 0) + 1);
  const unexpectedRows: number[] = [];
  let matchingRows = 0;
  digests.forEach((digest, i) => {
    const left = remaining.get(digest) ?? 0;
    if (left > 0) {
      remaining.set(digest, left - 1);
      matchingRows++;
    } else unexpectedRows.push(i);
  });
  const sameRows = matchingRows === expected.rowCount && digests.length === expected.rowCount;
  const inOrder = !policy.orderMatters || digests.every((digest, i) => digest === expected.rowDigests[i]);
  return feedbackFromMatch(comparison, expected, { actualRowCount: digests.length, matchingRows, unexpectedRows, wrongOrder: sameRows && !inOrder, sameRows, inOrder });
}

/** The feedback once rows are matched; `correct` needs the same rows, in order when it matters, and right columns. */
export function feedbackFromMatch(
  comparison: ColumnComparison,
  expected: ExpectedResult,
  match: { actualRowCount: number; matchingRows: number; unexpectedRows: number[]; wrongOrder: boolean; sameRows: boolean; inOrder: boolean },
): CheckFeedback {
  const { missingColumns, extraColumns, wrongTypes } = comparison;
  const correct = match.sameRows && match.inOrder && extraColumns.length === 0 && wrongTypes.length === 0;
  return {
    expectedRowCount: expected.rowCount,
    actualRowCount: match.actualRowCount,
    missingColumns,
    extraColumns,
    wrongTypes,
    correct,
    matchingRows: match.matchingRows,
    unexpectedRows: match.unexpectedRows,
    wrongOrder: match.wrongOrder,
  };
}

/** The check over rows of cell text (computed here, row by row): the reference the in-engine check must agree with. */
export function checkResult(result: CheckableResult, expected: ExpectedResult, policy: CheckPolicy): CheckFeedback {
  const comparison = compareColumns(result.columns, expected, policy);
  if (comparison.missingColumns.length > 0) return feedbackWithoutRows(comparison, expected, result.rows.length);
  const digests = result.rows.map((row) => {
    const projected: CellText[] = comparison.mapping.map((index) => row[index] ?? null);
    return rowDigest(expected.digest, expected.salt, canonicalRowText(projected, comparison.families, policy));
  });
  return feedbackFromDigests(comparison, digests, expected, policy);
}

/**
 * The hidden record of a reference result: its columns, row count and salted row digests, in order
 * when order matters, else sorted (the file then says nothing of the order the solution gave).
 * `digest` other than today's only to make records as older bundles hold them (tests, benchmarks).
 */
export function expectedResultOf(result: CheckableResult, policy: CheckPolicy, salt: string, digest: RowDigestAlgorithm = currentRowDigest): ExpectedResult {
  const families = result.columns.map((column) => typeFamily(column.type));
  const digests = result.rows.map((row) => rowDigest(digest, salt, canonicalRowText(row, families, policy)));
  if (!policy.orderMatters) digests.sort();
  return { columns: result.columns.map(({ name, type }) => ({ name, type })), rowCount: result.rows.length, digest, salt, rowDigests: digests };
}
