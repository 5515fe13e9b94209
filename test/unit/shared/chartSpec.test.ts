/**
 * A chart's spec is hostile input: the safety check refuses what is too large, too deep, not JSON,
 * or would load anything; the plan turns aggregating encodings into SQL (run on a real engine in
 * test/unit/electron/notebookCharts.test.ts) and leaves the rest to a capped read.
 */
import { describe, expect, it } from 'vitest';
import { buildChartSpec, measureOf } from '../../../shared/notebook/chartBuilder';
import { chartPlan } from '../../../shared/notebook/chartQuery';
import { chartSpecLimits, nestingDepth, readChartSpec } from '../../../shared/notebook/chartSpec';

const bar = { mark: 'bar', data: { name: 'sales' }, encoding: { x: { field: 'city', type: 'nominal' }, y: { field: 'total', type: 'quantitative' } } };
const problemOf = (text: string): string | null => {
  const read = readChartSpec(text);
  return 'problem' in read ? read.problem.key : null;
};

describe('the chart spec safety check', () => {
  it('accepts a spec over a named result and gives its name', () => {
    expect(readChartSpec(JSON.stringify(bar))).toEqual({ spec: bar, dataName: 'sales' });
  });

  it('refuses text that is too long before parsing it', () => {
    const long = JSON.stringify({ ...bar, description: 'x'.repeat(chartSpecLimits.maxChars) });
    expect(problemOf(long)).toBe('chart.specTooLarge');
  });

  it('refuses nesting deeper than the limit, without recursing (40,000 levels)', () => {
    expect(problemOf('['.repeat(40_000) + ']'.repeat(40_000))).toBe('chart.specTooDeep');
    expect(problemOf(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`)).toBe('chart.specTooDeep');
    // Brackets inside strings are text, not nesting.
    expect(nestingDepth(JSON.stringify({ s: '[[[[[[{{{{{\\"' }))).toBe(1);
  });

  it('refuses text that is not JSON, or not an object', () => {
    expect(problemOf('{"mark": "bar",')).toBe('chart.invalidSpec');
    expect(problemOf('[1, 2]')).toBe('chart.notAnObject');
    expect(problemOf('"bar"')).toBe('chart.notAnObject');
  });

  it('refuses a spec that would load anything: data urls, image urls, links, anywhere in it', () => {
    const refused = (spec: unknown): string | null => {
      const read = readChartSpec(JSON.stringify(spec));
      return 'problem' in read && read.problem.key === 'chart.remoteReference' ? read.problem.params.path : null;
    };
    expect(refused({ ...bar, data: { url: 'https://example.org/data.csv' } })).toBe('data.url');
    expect(refused({ ...bar, data: { name: 'sales', url: 'file:///etc/passwd' } })).toBe('data.url');
    expect(refused({ data: { name: 'sales' }, layer: [{ mark: 'point' }, { data: { url: 'data/x.json' }, mark: 'line' }] })).toBe('layer[1].data.url');
    expect(refused({ ...bar, mark: 'image', encoding: { url: { field: 'pic' } } })).toBe('encoding.url');
    expect(refused({ ...bar, encoding: { ...bar.encoding, href: { value: 'http://127.0.0.1:9/' } } })).toBe('encoding.href');
    expect(refused({ ...bar, mark: { type: 'bar', href: 'http://127.0.0.1:9/' } })).toBe('mark.href');
    expect(refused({ ...bar, config: { baseURL: 'http://127.0.0.1:9/' } })).toBe('config.baseURL');
    // A schema address is only a label: Vega-Lite never fetches it.
    expect(problemOf(JSON.stringify({ $schema: 'https://vega.github.io/schema/vega-lite/v5.json', ...bar }))).toBeNull();
  });

  it('needs a named result as its data', () => {
    expect(problemOf(JSON.stringify({ ...bar, data: { values: [{ a: 1 }] } }))).toBe('chart.noDataName');
    expect(problemOf(JSON.stringify({ mark: 'bar' }))).toBe('chart.noDataName');
    expect(problemOf(JSON.stringify({ ...bar, data: { name: '' } }))).toBe('chart.noDataName');
  });
});

describe('the chart plan: aggregation in SQL', () => {
  it('reads the rows as they are, capped, when nothing aggregates', () => {
    const plan = chartPlan(bar, 'sales', 100);
    expect(plan).toMatchObject({ sql: 'FROM "sales" LIMIT 101', aggregated: false, spec: bar });
  });

  it('groups by the plain fields and aggregates in SQL, and the spec reads the grouped columns', () => {
    const spec = { ...bar, encoding: { x: { field: 'city', type: 'nominal', sort: '-y' }, y: { field: 'total', type: 'quantitative', aggregate: 'sum' }, color: { field: 'year', type: 'ordinal' } } };
    const plan = chartPlan(spec, 'sales', 5000);
    expect(plan.aggregated).toBe(true);
    expect(plan.sql).toBe('WITH "__chart_source" AS (FROM "sales")\nSELECT "city" AS "city", sum("total") AS "__sum_0", "year" AS "year"\nFROM "__chart_source"\nGROUP BY ALL\nORDER BY ALL\nLIMIT 5001');
    expect(plan.spec.encoding).toEqual({
      x: { field: 'city', type: 'nominal', sort: '-y' },
      y: { field: '__sum_0', type: 'quantitative', title: 'sum(total)' },
      color: { field: 'year', type: 'ordinal' },
    });
  });

  it('counts rows without a field, and quotes names that need it', () => {
    const spec = { ...bar, encoding: { x: { field: 'ville "sud"', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative', title: 'Ventes' } } };
    const plan = chartPlan(spec, 'Ventes 2024', 10);
    expect(plan.sql).toContain('SELECT "ville ""sud""" AS "ville ""sud""", count(*) AS "__count_0"');
    expect(plan.sql).toContain('FROM "Ventes 2024"');
    expect((plan.spec.encoding as Record<string, unknown>).y).toEqual({ field: '__count_0', type: 'quantitative', title: 'Ventes' });
  });

  it('bins in SQL as ranges that Vega-Lite draws as "binned", with their end on x2', () => {
    const spec = { ...bar, encoding: { x: { field: 'amount', bin: { maxbins: 20 }, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' } } };
    const plan = chartPlan(spec, 'sales');
    expect(plan.aggregated).toBe(true);
    expect(plan.sql).toContain('floor(CAST("amount" AS DOUBLE) / "__bin_0".step) * "__bin_0".step AS "__bin_0_start"');
    expect(plan.sql).toContain('/ 20 AS raw');
    expect(plan.spec.encoding).toEqual({
      x: { field: '__bin_0_start', bin: 'binned', type: 'quantitative', title: 'amount' },
      x2: { field: '__bin_0_end' },
      y: { field: '__count_1', type: 'quantitative', title: 'count(*)' },
    });
  });

  it('truncates dates in SQL for time units that truncate, keeping the field’s name', () => {
    const spec = { ...bar, mark: 'line', encoding: { x: { field: 'day', timeUnit: 'yearmonth', type: 'temporal' }, y: { field: 'total', aggregate: 'mean', type: 'quantitative' } } };
    const plan = chartPlan(spec, 'sales');
    expect(plan.sql).toContain(`strftime(date_trunc('month', CAST("day" AS TIMESTAMP)), '%Y-%m-%dT%H:%M:%S') AS "day"`);
    expect(plan.sql).toContain('avg("total") AS "__mean_0"');
    expect((plan.spec.encoding as Record<string, unknown>).x).toEqual(spec.encoding.x);
  });

  it('falls back to the capped read for what it does not translate', () => {
    const fallback = (spec: Record<string, unknown>): boolean => !chartPlan(spec, 'sales').aggregated;
    const agg = { x: { field: 'city', type: 'nominal' }, y: { field: 'total', aggregate: 'sum', type: 'quantitative' } };
    expect(fallback({ ...bar, transform: [{ filter: 'datum.total > 1' }], encoding: agg })).toBe(true);
    expect(fallback({ data: { name: 'sales' }, layer: [{ mark: 'bar', encoding: agg }] })).toBe(true);
    expect(fallback({ ...bar, encoding: { ...agg, y: { ...agg.y, aggregate: 'argmax' } } })).toBe(true);
    expect(fallback({ ...bar, encoding: { ...agg, x: { field: 'day', timeUnit: 'month', type: 'ordinal' } } })).toBe(true);
    expect(fallback({ ...bar, encoding: { ...agg, x: { field: 'a.b', type: 'nominal' } } })).toBe(true);
    expect(fallback({ ...bar, encoding: { ...agg, x: { ...agg.x, sort: { op: 'sum', field: 'total' } } } })).toBe(true);
    expect(fallback({ ...bar, encoding: { ...agg, color: { condition: { test: 'true', value: 'red' }, value: 'blue' } } })).toBe(true);
  });
});

describe('the chart builder’s spec', () => {
  it('writes a spec over the named result that aggregates with Vega-Lite’s own aggregate', () => {
    const types = new Map([['city', 'VARCHAR'], ['total', 'DECIMAL(18,2)'], ['day', 'DATE']]);
    const text = buildChartSpec({ result: 'sales', mark: 'bar', x: 'city', y: 'total', aggregate: 'sum', color: 'day', sort: 'descendingY' }, types);
    expect(JSON.parse(text)).toEqual({
      mark: 'bar',
      data: { name: 'sales' },
      encoding: { x: { field: 'city', type: 'nominal', sort: '-y' }, y: { field: 'total', type: 'quantitative', aggregate: 'sum' }, color: { field: 'day', type: 'temporal' } },
    });
    expect(readChartSpec(text)).toMatchObject({ dataName: 'sales' });
    expect(JSON.parse(buildChartSpec({ result: 'sales', mark: 'line', x: 'day', y: null, aggregate: 'count', color: null, sort: 'none' }, types)).encoding.y).toEqual({ aggregate: 'count', type: 'quantitative' });
    expect([measureOf('BIGINT'), measureOf('TIMESTAMP WITH TIME ZONE'), measureOf('VARCHAR[]')]).toEqual(['quantitative', 'temporal', 'nominal']);
  });
});
