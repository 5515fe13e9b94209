/**
 * What the chart builder writes: a Vega-Lite spec over a named result from a few choices (mark,
 * x, y and its aggregate, colour, sort), as the text of a `vega-lite` fence. The spec aggregates
 * with Vega-Lite's own `aggregate`, which the run loop turns into SQL (chartQuery.ts), so a chart
 * built over millions of rows draws one mark per group.
 */
import { isNumericType } from './notebookEngine';

export const chartMarks = ['bar', 'line', 'point', 'area', 'tick'] as const;
export type ChartMark = (typeof chartMarks)[number];

export const chartAggregates = ['none', 'count', 'sum', 'mean', 'median', 'min', 'max'] as const;
export type ChartAggregate = (typeof chartAggregates)[number];

export const chartSorts = ['none', 'ascendingY', 'descendingY'] as const;
export type ChartSort = (typeof chartSorts)[number];

export interface ChartChoices {
  /** The named result the chart draws. */
  readonly result: string;
  readonly mark: ChartMark;
  readonly x: string;
  /** Null with the `count` aggregate (rows are counted). */
  readonly y: string | null;
  readonly aggregate: ChartAggregate;
  readonly color: string | null;
  readonly sort: ChartSort;
}

/** Vega-Lite's measurement type of a column, from DuckDB's type name. */
export function measureOf(duckdbType: string): 'quantitative' | 'temporal' | 'nominal' {
  if (isNumericType(duckdbType)) return 'quantitative';
  if (/^(DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|TIMESTAMP_[A-Z]+)$/i.test(duckdbType.trim())) return 'temporal';
  return 'nominal';
}

/** The spec, as the text of the fence (indented JSON). */
export function buildChartSpec(choices: ChartChoices, types: ReadonlyMap<string, string>): string {
  const type = (column: string): string => measureOf(types.get(column) ?? 'VARCHAR');
  const x: Record<string, unknown> = { field: choices.x, type: type(choices.x) };
  if (choices.sort !== 'none') x.sort = choices.sort === 'ascendingY' ? 'y' : '-y';
  const y: Record<string, unknown> =
    choices.aggregate === 'count' || choices.y === null
      ? { aggregate: 'count', type: 'quantitative' }
      : { field: choices.y, type: type(choices.y), ...(choices.aggregate === 'none' ? {} : { aggregate: choices.aggregate }) };
  const encoding: Record<string, unknown> = { x, y };
  if (choices.color) encoding.color = { field: choices.color, type: type(choices.color) };
  return JSON.stringify({ mark: choices.mark, data: { name: choices.result }, encoding }, null, 2);
}
