/**
 * Checks that cannot be stable, found from a reference solution's parse tree (DuckDB's own,
 * json_serialize_sql) and its result: a LIMIT without ORDER BY keeps arbitrary rows; an order that
 * matters needs an ORDER BY, and one whose keys leave ties lets equal-keyed rows come in any order;
 * floating-point sums differ in their last digits from run to run and engine to engine.
 */
import type { CheckPolicy } from '../../../shared/contract/bundle';
import { isFloatingType, type CheckableResult } from '../../../shared/bundles/canonicalRow';
import type { MessageKey } from '../../../shared/i18n/translate';

export interface StabilityWarning {
  key: MessageKey;
  params?: Record<string, string | number>;
}

interface Modifier {
  type?: string;
  orders?: { expression?: { class?: string; column_names?: string[]; value?: { value?: unknown } } }[];
}

/** The modifiers (ORDER BY, LIMIT) of the statement's outermost query, the last statement's. */
function outerModifiers(tree: unknown): Modifier[] {
  const statements = (tree as { statements?: { node?: { modifiers?: Modifier[] } }[] } | null)?.statements;
  const last = statements?.[statements.length - 1];
  return last?.node?.modifiers ?? [];
}

/** The result columns an ORDER BY sorts on, or null when a key is an expression not in the result. */
function orderKeyColumns(order: Modifier, result: CheckableResult): number[] | null {
  const keys: number[] = [];
  for (const item of order.orders ?? []) {
    const expression = item.expression;
    if (expression?.class === 'COLUMN_REF' && expression.column_names?.length) {
      const name = expression.column_names[expression.column_names.length - 1]!.toLowerCase();
      if (name === 'all' || name === '*') return result.columns.map((_, i) => i);
      const index = result.columns.findIndex((column) => column.name.toLowerCase() === name);
      if (index < 0) return null;
      keys.push(index);
    } else if (expression?.class === 'CONSTANT' && typeof expression.value?.value === 'number') {
      keys.push(expression.value.value - 1);
    } else return null;
  }
  return keys;
}

export function stabilityWarnings(tree: unknown, result: CheckableResult, policy: CheckPolicy): StabilityWarning[] {
  const warnings: StabilityWarning[] = [];
  const modifiers = outerModifiers(tree);
  const order = modifiers.find((m) => m.type === 'ORDER_MODIFIER');
  const limit = modifiers.some((m) => m.type === 'LIMIT_MODIFIER' || m.type === 'LIMIT_PERCENT_MODIFIER');
  if (limit && !order) warnings.push({ key: 'bundle.warnLimitWithoutOrder' });
  if (policy.orderMatters && !order) warnings.push({ key: 'bundle.warnOrderWithoutOrderBy' });
  if (policy.orderMatters && order) {
    const keys = orderKeyColumns(order, result);
    if (keys === null) warnings.push({ key: 'bundle.warnOrderUnchecked' });
    else {
      // Rows with equal keys but different content may come in any order.
      const seen = new Map<string, string>();
      let ties = 0;
      for (const row of result.rows) {
        const key = JSON.stringify(keys.map((i) => row[i] ?? null));
        const whole = JSON.stringify(row);
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== whole) ties++;
        else seen.set(key, whole);
      }
      if (ties > 0) warnings.push({ key: 'bundle.warnOrderTies', params: { count: ties } });
    }
  }
  if (policy.numericTolerance === undefined) {
    const floats = result.columns.filter((column) => isFloatingType(column.type)).map((column) => column.name);
    if (floats.length > 0) warnings.push({ key: 'bundle.warnFloatWithoutTolerance', params: { columns: floats.join(', ') } });
  }
  return warnings;
}
