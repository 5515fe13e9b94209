import type { CatalogTable } from '../../engine/engine';
import type { TableKeeping } from '../../app/keptTables';
import { t } from '../../i18n/i18n';
import './tableKeeping.css';

export interface TableKeepingListProps {
  tables: readonly CatalogTable[];
  keeping: ReadonlyMap<string, TableKeeping>;
  busy: ReadonlySet<string>;
  onKeep(table: CatalogTable): void;
  onForget(table: CatalogTable): void;
}

/**
 * The in-app engine's own tables, each said temporary (gone after a reload) with Keep, or kept
 * with Keep again (its changes since) and Forget. Shown under the catalog while there is any.
 */
export function TableKeepingList({ tables, keeping, busy, onKeep, onForget }: TableKeepingListProps) {
  const listed = tables.filter((table) => keeping.has(table.name));
  if (listed.length === 0) return null;
  return (
    <section className="table-keeping" aria-label={t('kept.list')}>
      <ul>
        {listed.map((table) => {
          const kept = keeping.get(table.name) === 'kept';
          const working = busy.has(table.name);
          return (
            <li key={table.name} className={`table-keeping-item${kept ? '' : ' table-keeping-item--temporary'}`}>
              <span className="table-keeping-text">
                <bdi className="table-keeping-name">{table.name}</bdi> {kept ? t('kept.keptNote') : t('kept.temporaryNote')}
              </span>
              <span className="table-keeping-actions">
                <button type="button" disabled={working} aria-label={t(kept ? 'kept.keepAgainNamed' : 'kept.keepNamed', { table: table.name })} onClick={() => onKeep(table)}>
                  {t(kept ? 'kept.keepAgain' : 'kept.keep')}
                </button>
                {kept ? (
                  <button type="button" disabled={working} aria-label={t('kept.forgetNamed', { table: table.name })} onClick={() => onForget(table)}>
                    {t('kept.forget')}
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
