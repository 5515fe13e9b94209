/**
 * Aggregation for a chart runs in SQL, where the rows are, not in the page: a chart over a
 * 10-million-row result must not ship 10 million rows to Vega. A spec whose encodings aggregate,
 * bin or truncate time is turned into one `GROUP BY` query over the named result, and the spec Vega
 * gets reads the grouped rows instead (pre-binned ranges as `bin: "binned"`, aggregates as plain
 * fields). What cannot be translated (transforms, layers, facets, sorts by an aggregate…) reads
 * the result's first rows, capped, and the chart says so.
 *
 * Pure: the run loop runs `sql`; the page and the exports draw `spec` over its rows.
 */
import { quoteIdentifier, quoteLiteral } from '../sql/identifiers';
import { isObject } from './chartSpec';

export interface ChartPlan {
  /** The query over the named result: at most `maxRows + 1` rows (one more tells that rows were left out). */
  readonly sql: string;
  /** The spec to draw over the query's rows (its `data` is still the named result). */
  readonly spec: Record<string, unknown>;
  /** Whether the query groups in SQL (else it reads the result's rows as they are). */
  readonly aggregated: boolean;
  /** Rows the chart draws at most. */
  readonly maxRows: number;
}

/** Rows a chart draws at most, aggregated or not. */
export const defaultChartRows = 5_000;

/** Vega-Lite's aggregate operations and the DuckDB expression of each (`f` is the quoted field). */
const aggregates: Readonly<Record<string, (f: string | null) => string | null>> = {
  count: (f) => (f ? `count(${f})` : 'count(*)'),
  valid: (f) => (f ? `count(${f})` : null),
  missing: (f) => (f ? `count(*) - count(${f})` : null),
  distinct: (f) => (f ? `count(DISTINCT ${f})` : null),
  sum: (f) => (f ? `sum(${f})` : null),
  product: (f) => (f ? `product(${f})` : null),
  mean: (f) => (f ? `avg(${f})` : null),
  average: (f) => (f ? `avg(${f})` : null),
  median: (f) => (f ? `median(${f})` : null),
  min: (f) => (f ? `min(${f})` : null),
  max: (f) => (f ? `max(${f})` : null),
  variance: (f) => (f ? `var_samp(${f})` : null),
  variancep: (f) => (f ? `var_pop(${f})` : null),
  stdev: (f) => (f ? `stddev_samp(${f})` : null),
  stdevp: (f) => (f ? `stddev_pop(${f})` : null),
  q1: (f) => (f ? `quantile_cont(${f}, 0.25)` : null),
  q3: (f) => (f ? `quantile_cont(${f}, 0.75)` : null),
};

/** Vega-Lite time units that truncate a date (year, then finer), and DuckDB's `date_trunc` part for each. */
const truncatingUnits: Readonly<Record<string, string>> = {
  year: 'year',
  yearquarter: 'quarter',
  yearmonth: 'month',
  yearweek: 'week',
  yearmonthdate: 'day',
  yearmonthdatehours: 'hour',
  yearmonthdatehoursminutes: 'minute',
  yearmonthdatehoursminutesseconds: 'second',
};

/** Spec keys that change which rows or how they are drawn in ways the translation does not follow. */
const untranslatableKeys = ['transform', 'layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat', 'spec'];

/** Channels the default bin count of Vega-Lite is 6 for (10 for the others). */
const fewBinChannels = new Set(['color', 'fill', 'stroke', 'opacity', 'fillOpacity', 'strokeOpacity', 'shape', 'size', 'strokeWidth']);

class Untranslatable extends Error {}

export function chartPlan(spec: Record<string, unknown>, dataName: string, maxRows: number = defaultChartRows): ChartPlan {
  const source = quoteIdentifier(dataName);
  const plain: ChartPlan = { sql: `FROM ${source} LIMIT ${maxRows + 1}`, spec, aggregated: false, maxRows };
  const encoding = spec.encoding;
  if (!isObject(encoding) || untranslatableKeys.some((key) => key in spec)) return plain;
  const needsGrouping = Object.values(encoding).some((def) => (Array.isArray(def) ? def : [def]).some(transformsData));
  if (!needsGrouping) return plain;
  try {
    return { ...groupingPlan(spec, encoding, source, maxRows), aggregated: true, maxRows };
  } catch (error) {
    if (error instanceof Untranslatable) return plain;
    throw error;
  }
}

function transformsData(def: unknown): boolean {
  return isObject(def) && ((def.aggregate !== undefined && def.aggregate !== null) || (def.bin !== undefined && def.bin !== false && def.bin !== null) || (def.timeUnit !== undefined && def.timeUnit !== null));
}

function groupingPlan(spec: Record<string, unknown>, encoding: Record<string, unknown>, source: string, maxRows: number): { sql: string; spec: Record<string, unknown> } {
  const select: string[] = [];
  const ctes: string[] = [`"__chart_source" AS (FROM ${source})`];
  const joins: string[] = [];
  const selected = new Set<string>();
  const nextEncoding: Record<string, unknown> = {};
  let counter = 0;
  const addColumn = (expression: string, alias: string): void => {
    if (selected.has(alias)) return;
    selected.add(alias);
    select.push(`${expression} AS ${quoteIdentifier(alias)}`);
  };

  const translate = (channel: string, def: unknown): Record<string, unknown> | unknown => {
    if (!isObject(def)) return def;
    if ('condition' in def || 'repeat' in def) throw new Untranslatable();
    if (isObject(def.sort) && ('op' in def.sort || 'field' in def.sort)) throw new Untranslatable();
    const field = def.field === undefined ? null : def.field;
    if (field !== null && (typeof field !== 'string' || /[.[\]\\]/.test(field))) throw new Untranslatable();
    if (field === null && def.aggregate === undefined) return def; // a `value` or `datum`: nothing to read
    const quoted = field === null ? null : quoteIdentifier(field);
    const next: Record<string, unknown> = { ...def };

    if (def.aggregate !== undefined) {
      if (def.bin !== undefined || def.timeUnit !== undefined || typeof def.aggregate !== 'string') throw new Untranslatable();
      const expression = aggregates[def.aggregate]?.(quoted) ?? null;
      if (expression === null) throw new Untranslatable();
      const alias = `__${def.aggregate}_${counter++}`;
      addColumn(expression, alias);
      delete next.aggregate;
      next.field = alias;
      next.type ??= 'quantitative';
      next.title ??= `${def.aggregate}(${field ?? '*'})`;
      return next;
    }

    if (def.bin !== undefined && def.bin !== false && def.bin !== null) {
      if (def.bin === 'binned') {
        addColumn(quoted!, field!);
        return next;
      }
      const bin = def.bin === true ? {} : def.bin;
      if (!isObject(bin) || Object.keys(bin).some((key) => key !== 'maxbins' && key !== 'step')) throw new Untranslatable();
      const partner = channel === 'x' || channel === 'y' ? `${channel}2` : null;
      if (!partner || partner in encoding) throw new Untranslatable();
      const maxbins = typeof bin.maxbins === 'number' && bin.maxbins >= 1 ? Math.floor(bin.maxbins) : fewBinChannels.has(channel) ? 6 : 10;
      const value = `CAST(${quoted} AS DOUBLE)`;
      const step = typeof bin.step === 'number' && bin.step > 0 ? String(bin.step) : null;
      const n = counter++;
      const stepName = quoteIdentifier(`__bin_${n}`);
      ctes.push(`${stepName} AS (SELECT ${step ?? niceStep(value, maxbins)} AS step)`);
      joins.push(stepName);
      const start = `__bin_${n}_start`;
      const end = `__bin_${n}_end`;
      addColumn(`floor(${value} / ${stepName}.step) * ${stepName}.step`, start);
      addColumn(`floor(${value} / ${stepName}.step) * ${stepName}.step + ${stepName}.step`, end);
      next.field = start;
      next.bin = 'binned';
      next.type ??= 'quantitative';
      next.title ??= field;
      nextEncoding[partner] = { field: end };
      return next;
    }

    if (def.timeUnit !== undefined && def.timeUnit !== null) {
      const unit = typeof def.timeUnit === 'string' ? def.timeUnit : isObject(def.timeUnit) && Object.keys(def.timeUnit).length === 1 ? def.timeUnit.unit : null;
      const part = typeof unit === 'string' ? truncatingUnits[unit] : undefined;
      if (!part) throw new Untranslatable();
      // The truncated date keeps the field's name (tooltips and sorts still find it); Vega-Lite's
      // own time unit, kept in the spec, is then a no-op that formats the axis.
      addColumn(`strftime(date_trunc(${quoteLiteral(part)}, CAST(${quoted} AS TIMESTAMP)), '%Y-%m-%dT%H:%M:%S')`, field!);
      return next;
    }

    addColumn(quoted!, field!);
    return next;
  };

  for (const [channel, def] of Object.entries(encoding)) {
    nextEncoding[channel] = Array.isArray(def) ? def.map((one) => translate(channel, one)) : translate(channel, def);
  }
  // A group key that is also aggregated elsewhere keeps one column; an encoding that reads nothing groups nothing.
  if (select.length === 0) throw new Untranslatable();
  const from = ['"__chart_source"', ...joins].join(', ');
  const sql = `WITH ${ctes.join(', ')}\nSELECT ${select.join(', ')}\nFROM ${from}\nGROUP BY ALL\nORDER BY ALL\nLIMIT ${maxRows + 1}`;
  return { sql, spec: { ...spec, encoding: nextEncoding } };
}

/**
 * A "nice" bin width (1, 2 or 5 times a power of ten) giving at most about `maxbins` bins over the
 * field's range, as Vega-Lite picks it; 1 when the range is empty.
 */
function niceStep(value: string, maxbins: number): string {
  const raw = `(SELECT (max(${value}) - min(${value})) / ${maxbins} AS raw FROM "__chart_source")`;
  const magnitude = `pow(10, floor(log10(raw)))`;
  return `coalesce((SELECT ${magnitude} * CASE WHEN raw / ${magnitude} <= 1 THEN 1 WHEN raw / ${magnitude} <= 2 THEN 2 WHEN raw / ${magnitude} <= 5 THEN 5 ELSE 10 END FROM ${raw} WHERE raw > 0), 1)`;
}
