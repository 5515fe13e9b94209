/**
 * Checks a trainee's result against an exercise's hidden expected result. Pure, so the main side
 * (bundle build, grading) and the page (the Lab view, on the in-app engine) run the very same
 * check. The feedback says what is wrong without giving the answer: counts, column names the
 * exercise asks for, and which of the trainee's own rows are not expected.
 */
import type { CheckPolicy, ExpectedResult, ResultColumn } from '../contract/bundle';
import { canonicalRowText, rowDigest, typeFamily, type CellText, type CheckableResult, type TypeFamily } from './canonicalRow';

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

export function checkResult(result: CheckableResult, expected: ExpectedResult, policy: CheckPolicy): CheckFeedback {
  const mapping = matchColumns(expected.columns, result.columns, policy);
  const matched = new Set(mapping.filter((index) => index >= 0));
  const missingColumns = expected.columns.flatMap((column, i) =>
    mapping[i]! >= 0 ? [] : [policy.columns === 'positions' ? String(i + 1) : column.name],
  );
  const extraColumns = policy.extraColumnsAllowed ? [] : result.columns.filter((_, i) => !matched.has(i)).map((column) => column.name);
  const families = expected.columns.map((column) => typeFamily(column.type));
  const wrongTypes: WrongType[] = [];
  mapping.forEach((index, i) => {
    if (index < 0) return;
    const actual = typeFamily(result.columns[index]!.type);
    if (actual !== families[i]) wrongTypes.push({ column: result.columns[index]!.name, expected: families[i]!, actual });
  });

  const base = { expectedRowCount: expected.rowCount, actualRowCount: result.rows.length, missingColumns, extraColumns, wrongTypes };
  if (missingColumns.length > 0) {
    // Rows cannot be compared without every expected column.
    return { ...base, correct: false, matchingRows: 0, unexpectedRows: result.rows.map((_, i) => i), wrongOrder: false };
  }

  const digests = result.rows.map((row) => {
    const projected: CellText[] = mapping.map((index) => row[index] ?? null);
    return rowDigest(expected.salt, canonicalRowText(projected, families, policy));
  });
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
  const wrongOrder = sameRows && !inOrder;
  const correct = sameRows && inOrder && extraColumns.length === 0 && wrongTypes.length === 0;
  return { ...base, correct, matchingRows, unexpectedRows, wrongOrder };
}

/**
 * The hidden record of a reference result: its columns, row count and salted row digests, in order
 * when order matters, else sorted (the file then says nothing of the order the solution gave).
 */
export function expectedResultOf(result: CheckableResult, policy: CheckPolicy, salt: string): ExpectedResult {
  const families = result.columns.map((column) => typeFamily(column.type));
  const digests = result.rows.map((row) => rowDigest(salt, canonicalRowText(row, families, policy)));
  if (!policy.orderMatters) digests.sort();
  return { columns: result.columns.map(({ name, type }) => ({ name, type })), rowCount: result.rows.length, salt, rowDigests: digests };
}
