import type { HistogramBin, TopValue } from '../../../../shared/sql/columnProfile';
import { listFormat, numberFormat, t } from '../../i18n/i18n';

/*
 * Sparkline-sized charts, drawn by hand: a charting library would be far more code than a few bars.
 * Each chart is one image for assistive technology (role="img"), its aria-label saying in words
 * what the bars show. Layout follows the text direction: the histogram's SVG is mirrored by CSS in
 * right-to-left text, and top values are HTML bars sized with logical properties.
 */

const barWidth = 10;
const chartHeight = 32;

function histogramLabel(column: string, bins: readonly HistogramBin[]): string {
  const first = bins[0];
  const last = bins.at(-1);
  if (!first || !last) return '';
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (bins.length === 1) return t('profile.histogramSingle', { name: column, count: total, from: first.from, to: first.to });
  const fullest = bins.reduce((best, bin) => (bin.count > best.count ? bin : best), first);
  return t('profile.histogramLabel', {
    name: column,
    bins: bins.length,
    from: first.from,
    to: last.to,
    binFrom: fullest.from,
    binTo: fullest.to,
    count: fullest.count,
  });
}

/** Bars of equal width, lowest values at the start of the line; heights relative to the fullest bin. */
export function HistogramChart({ column, bins }: { column: string; bins: readonly HistogramBin[] }) {
  const first = bins[0];
  const last = bins.at(-1);
  if (!first || !last) return <span className="column-profile__no-chart">{t('profile.noValues')}</span>;
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  return (
    <div className="column-profile__histogram" role="img" aria-label={histogramLabel(column, bins)}>
      <svg viewBox={`0 0 ${bins.length * barWidth} ${chartHeight}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {bins.map((bin, i) => {
          // A bin with values stays visible however tall its neighbours are.
          const height = bin.count === 0 ? 0 : Math.max(1, (bin.count / most) * chartHeight);
          return (
            <rect key={i} x={i * barWidth + 1} y={chartHeight - height} width={barWidth - 2} height={height}>
              <title>{t('profile.binTitle', { from: bin.from, to: bin.to, count: bin.count })}</title>
            </rect>
          );
        })}
        <line x1={0} x2={bins.length * barWidth} y1={chartHeight - 0.25} y2={chartHeight - 0.25} />
      </svg>
      <div className="column-profile__axis">
        <bdi>{first.from}</bdi>
        <bdi>{last.to}</bdi>
      </div>
    </div>
  );
}

function valueText(value: string | null): string {
  return value ?? t('profile.null');
}

/** The most frequent values, each with a bar as long as its share of the most frequent one. */
export function TopValuesChart({ column, values }: { column: string; values: readonly TopValue[] }) {
  if (values.length === 0) return <span className="column-profile__no-chart">{t('profile.noValues')}</span>;
  const most = Math.max(1, ...values.map((entry) => entry.count));
  const label = t('profile.topValuesLabel', {
    name: column,
    list: listFormat.format(values.map((entry) => t('profile.topValueItem', { value: valueText(entry.value), count: entry.count }))),
  });
  return (
    <div className="column-profile__top-values" role="img" aria-label={label}>
      {values.map((entry, i) => (
        <div className="column-profile__top-value" key={i}>
          <bdi className={entry.value === null ? 'column-profile__null' : undefined} title={valueText(entry.value)}>
            {valueText(entry.value)}
          </bdi>
          <span className="column-profile__track">
            <span className="column-profile__bar" style={{ inlineSize: `${(entry.count / most) * 100}%` }} />
          </span>
          <span className="column-profile__count">{numberFormat.format(entry.count)}</span>
        </div>
      ))}
    </div>
  );
}
