/**
 * The chart builder beside a SQL cell's result: a form (mark, x, y and its aggregate, colour,
 * sort) over the result's columns that inserts a `vega-lite` fence after the cell. Plain labelled
 * selects: every choice is reachable by keyboard and named for screen readers.
 */
import { useId, useState, type ReactNode } from 'react';
import { buildChartSpec, chartAggregates, chartMarks, chartSorts, type ChartAggregate, type ChartMark, type ChartSort } from '../../../../shared/notebook/chartBuilder';
import type { NotebookTable } from '../../../../shared/notebook/notebookEngine';
import type { MessageKey } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';

export interface ChartBuilderProps {
  /** The cell's result name: a chart reads a named result. */
  name: string | null;
  table: NotebookTable | null;
  index: number;
  /** Inserts the spec as a chart cell after this one. */
  onInsert(spec: string): void;
  /** Shown beside the Chart… button (the cell's Profile button). */
  beside?: ReactNode;
}

const markKeys: Record<ChartMark, MessageKey> = {
  bar: 'chart.builder.mark.bar',
  line: 'chart.builder.mark.line',
  point: 'chart.builder.mark.point',
  area: 'chart.builder.mark.area',
  tick: 'chart.builder.mark.tick',
};
const aggregateKeys: Record<ChartAggregate, MessageKey> = {
  none: 'chart.builder.aggregate.none',
  count: 'chart.builder.aggregate.count',
  sum: 'chart.builder.aggregate.sum',
  mean: 'chart.builder.aggregate.mean',
  median: 'chart.builder.aggregate.median',
  min: 'chart.builder.aggregate.min',
  max: 'chart.builder.aggregate.max',
};
const sortKeys: Record<ChartSort, MessageKey> = {
  none: 'chart.builder.sort.none',
  ascendingY: 'chart.builder.sort.ascendingY',
  descendingY: 'chart.builder.sort.descendingY',
};

export function ChartBuilder({ name, table, index, onInsert, beside }: ChartBuilderProps) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="notebook-chart-builder">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls={formId} aria-label={t('chart.builder.openFor', { n: index + 1 })}>
        {t('chart.builder.open')}
      </button>
      {beside}
      {open ? (
        <div id={formId}>
          {!name ? (
            <p className="muted">{t('chart.builder.needName')}</p>
          ) : !table || table.columns.length === 0 ? (
            <p className="muted">{t('chart.builder.needResult')}</p>
          ) : (
            <BuilderForm
              name={name}
              table={table}
              onInsert={(spec) => {
                onInsert(spec);
                setOpen(false);
              }}
              onCancel={() => setOpen(false)}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}

function BuilderForm({ name, table, onInsert, onCancel }: { name: string; table: NotebookTable; onInsert(spec: string): void; onCancel(): void }) {
  const columns = table.columns;
  const [mark, setMark] = useState<ChartMark>('bar');
  const [x, setX] = useState(columns[0]!);
  const [y, setY] = useState(columns[1] ?? columns[0]!);
  const [aggregate, setAggregate] = useState<ChartAggregate>(columns.length > 1 ? 'sum' : 'count');
  const [color, setColor] = useState('');
  const [sort, setSort] = useState<ChartSort>('none');
  const types = new Map(columns.map((column, i) => [column, table.types[i] ?? 'VARCHAR']));
  const columnOptions = columns.map((column): [string, string] => [column, column]);
  return (
    <form
      className="notebook-chart-builder-form"
      aria-label={t('chart.builder.title', { name })}
      onSubmit={(event) => {
        event.preventDefault();
        onInsert(buildChartSpec({ result: name, mark, x, y: aggregate === 'count' ? null : y, aggregate, color: color || null, sort }, types));
      }}
    >
      <ChoiceSelect<ChartMark> label={t('chart.builder.mark')} value={mark} onChange={setMark} options={chartMarks.map((option) => [option, t(markKeys[option])] as const)} />
      <ChoiceSelect label={t('chart.builder.x')} value={x} onChange={setX} options={columnOptions} />
      <ChoiceSelect<ChartAggregate> label={t('chart.builder.aggregate')} value={aggregate} onChange={setAggregate} options={chartAggregates.map((option) => [option, t(aggregateKeys[option])] as const)} />
      <ChoiceSelect label={t('chart.builder.y')} value={y} onChange={setY} options={columnOptions} disabled={aggregate === 'count'} />
      <ChoiceSelect label={t('chart.builder.color')} value={color} onChange={setColor} options={[['', t('chart.builder.none')], ...columnOptions]} />
      <ChoiceSelect<ChartSort> label={t('chart.builder.sort')} value={sort} onChange={setSort} options={chartSorts.map((option) => [option, t(sortKeys[option])] as const)} />
      <button type="submit" className="primary">
        {t('chart.builder.insert')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('chart.builder.cancel')}
      </button>
    </form>
  );
}

/** One labelled select of the form: its options as [value, visible text]. */
function ChoiceSelect<Value extends string>({
  label,
  value,
  options,
  onChange,
  disabled = false,
}: {
  label: string;
  value: Value;
  options: readonly (readonly [Value, string])[];
  onChange(value: Value): void;
  disabled?: boolean;
}) {
  return (
    <label>
      {label}
      <select value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Value)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
