import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { profileDefaults, type ColumnProfile, type ProfileColumn, type RelationProfile } from '../../../../shared/sql/columnProfile';
import type { Engine } from '../../engine/engine';
import { numberFormat, percentFormat, t } from '../../i18n/i18n';
import { HistogramChart, TopValuesChart } from './ProfileCharts';
import { useColumnProfile } from './useColumnProfile';
import './columnProfile.css';

export interface ColumnProfilePanelProps {
  engine: Engine;
  /** What to profile, FROM-able: a quoted table name or a parenthesised query. */
  relation: string;
  columns: readonly ProfileColumn[];
  /** The table's name for the heading; none for a query's result, called so in the language shown now. */
  title?: string;
  onClose(): void;
}


function summaryOf(profile: RelationProfile): string {
  if (profile.sampled) return t('profile.sampled', { sample: profile.profiledRows, rows: profile.rowCount });
  return t('profile.allRows', { rows: profile.rowCount });
}

/** A value as DuckDB prints it, cut by CSS when long; the whole of it in a tooltip. */
function Value({ text }: { text: string | null }) {
  if (text === null) return <span className="column-profile__none">—</span>;
  return (
    <bdi className="column-profile__value" title={text}>
      {text}
    </bdi>
  );
}

function ColumnRow({ column, profiledRows, sampled }: { column: ColumnProfile; profiledRows: number; sampled: boolean }) {
  const nullShare = profiledRows > 0 ? column.nulls / profiledRows : 0;
  return (
    <tr>
      <th scope="row">
        <bdi className="column-profile__name">{column.name}</bdi>
        <span className="column-profile__type">{column.typeName}</span>
      </th>
      <td className="column-profile__number">{numberFormat.format(column.count)}</td>
      <td className="column-profile__number">
        {t('profile.nullsValue', { count: column.nulls, percent: percentFormat.format(nullShare) })}
      </td>
      <td className="column-profile__number">
        {/* Distinct values of a sample are a lower bound for the whole relation. */}
        {sampled ? t('profile.distinctAtLeast', { count: column.distinct }) : numberFormat.format(column.distinct)}
      </td>
      <td>
        <Value text={column.min} />
      </td>
      <td>
        <Value text={column.max} />
      </td>
      <td className="column-profile__chart">
        {column.histogram ? <HistogramChart column={column.name} bins={column.histogram} /> : null}
        {column.topValues ? <TopValuesChart column={column.name} values={column.topValues} /> : null}
        {column.nested ? <span className="column-profile__no-chart">{t('profile.nestedNoChart')}</span> : null}
      </td>
    </tr>
  );
}

/**
 * Column profiles of a table or a query result: counts, nulls, distinct values, extremes and a
 * small chart per column, computed by the engine over at most a sample of the rows and a page of
 * the columns at a time.
 */
export function ColumnProfilePanel({ engine, relation, columns, title: tableName, onClose }: ColumnProfilePanelProps) {
  const titleId = useId();
  const title = tableName ?? t('profile.resultName');
  const heading = useRef<HTMLHeadingElement>(null);
  const { state, loadMore } = useColumnProfile(engine, relation, columns);
  const { status, profile, error } = state;
  const shown = profile ? profile.columnOffset + profile.columns.length : 0;
  const remaining = columns.length - shown;

  // The panel opens on the user's request: take them to it.
  useEffect(() => heading.current?.focus(), [relation]);

  const closeOnEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };

  return (
    <section className="column-profile" aria-labelledby={titleId} onKeyDown={closeOnEscape}>
      <header className="column-profile__header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('profile.title', { name: title })}
        </h2>
        <button type="button" className="column-profile__close" aria-label={t('profile.close')} title={t('profile.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p role="status" className="column-profile__summary">
        {status === 'loading' && !profile ? t('profile.loading', { name: title }) : null}
        {profile ? summaryOf(profile) : null}
        {profile && columns.length > shown ? ` ${t('profile.columnsShown', { shown, total: columns.length })}` : null}
      </p>
      {status === 'error' && error ? (
        <div className="query-error" role="alert">
          <p>{t('profile.failed', { message: error.headline })}</p>
          {error.detail !== error.headline ? <pre>{error.detail}</pre> : null}
        </div>
      ) : null}
      {profile ? (
        <table className="column-profile__table">
          <caption className="visually-hidden">{t('profile.tableCaption', { name: title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profile.column')}</th>
              <th scope="col">{t('profile.values')}</th>
              <th scope="col">{t('profile.nulls')}</th>
              <th scope="col">{t('profile.distinct')}</th>
              <th scope="col">{t('profile.min')}</th>
              <th scope="col">{t('profile.max')}</th>
              <th scope="col">{t('profile.distribution')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.columns.map((column, i) => (
              <ColumnRow key={i} column={column} profiledRows={profile.profiledRows} sampled={profile.sampled} />
            ))}
          </tbody>
        </table>
      ) : null}
      {profile && remaining > 0 ? (
        <div className="column-profile__more">
          {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus. */}
          <button type="button" onClick={loadMore} aria-disabled={status === 'loading'}>
            {status === 'loading'
              ? t('profile.loadingMore')
              : t('profile.showMore', { count: Math.min(remaining, profileDefaults.maxColumns) })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
