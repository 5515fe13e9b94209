import type { Dataset } from '../../../../shared/contract/hostApi';
import type { CatalogTable } from '../../engine/engine';
import { t, useLocale } from '../../i18n/i18n';
import { memo, useState } from 'react';
import { TreeView, type TreeNode } from './TreeView';
import type { TableKeeping } from '../../app/keptTables';

function keptDetail(columns: string, keeping: TableKeeping | undefined): string {
  if (!keeping) return columns;
  return t('kept.detail', { columns, state: keeping });
}
import { CatalogToolbar } from './CatalogToolbar';

/** The table a table or column item belongs to (its id is `table:<name>` or `column:<table>:<column>`). */
function tableOfNode(id: string, tables: readonly CatalogTable[]): string | null {
  if (id.startsWith('table:')) return id.slice('table:'.length);
  const rest = id.slice('column:'.length);
  return tables.find((table) => rest.startsWith(`${table.name}:`))?.name ?? null;
}

export interface CatalogPanelProps {
  samples: readonly Dataset[];
  tables: readonly CatalogTable[];
  onLoadSample(dataset: Dataset): void;
  onQueryTable(table: CatalogTable): void;
  onOpenFile(): void;
  onProfileTable(table: CatalogTable): void;
  /** Lab courses: each one's data files, under its title. */
  courses?: readonly { title: string; datasets: readonly Dataset[]; onLoad: () => void }[];
  /** The in-app engine's own tables: temporary (gone after a reload) or kept (see app/keptTables.ts). */
  keeping?: ReadonlyMap<string, TableKeeping>;
}

/**
 * The datasets the user can load and the tables the engine holds, with their columns and types.
 * Memoized: a run re-renders the app, not the catalog.
 */
export const CatalogPanel = memo(function CatalogPanel({ samples, tables, onLoadSample, onQueryTable, onOpenFile, onProfileTable, courses = [], keeping }: CatalogPanelProps) {
  const locale = useLocale(); // memoized: re-render on a language switch too
  // The table of the focused item (the table itself or one of its columns) is the one to profile.
  const [focusedTable, setFocusedTable] = useState<string | null>(null);
  const profiled = tables.find((table) => table.name === focusedTable) ?? null;
  const nodes: TreeNode[] = [
    {
      id: 'tables',
      label: t('catalog.tables'),
      children: tables.map((table) => ({
        id: `table:${table.name}`,
        label: table.name,
        // Said in the item's name too, so a temporary table is never lost without a word.
        detail: keptDetail(t('catalog.columns', { count: table.columns.length }), keeping?.get(table.name)),
        // A click selects the table (Profile and Export follow it); Enter or a double-click opens it.
        onActivate: () => onQueryTable(table),
        activateOnDoubleClick: true,
        children: table.columns.map((column) => ({
          id: `column:${table.name}:${column.name}`,
          label: column.name,
          detail: column.type,
        })),
      })),
    },
    {
      id: 'samples',
      label: t('catalog.samples'),
      children: samples.map((dataset) => ({
        id: `sample:${dataset.id}`,
        spokenPrefix: t('catalog.loadPrefix'),
        label: (locale === 'en' ? undefined : dataset.translations?.[locale]?.title) ?? dataset.title ?? dataset.fileName,
        detail: dataset.fileName,
        onActivate: () => onLoadSample(dataset),
      })),
    },
    // A Lab course's data files, under the course's title (loaded when the course opens; activating
    // one loads the course's tables again, under the names its exercises use, never free ones).
    ...courses.map((course, i) => ({
      id: `course:${i}`,
      label: course.title,
      children: course.datasets.map((dataset) => ({
        id: `course:${i}:${dataset.id}`,
        spokenPrefix: t('catalog.loadPrefix'),
        label: dataset.fileName,
        onActivate: course.onLoad,
      })),
    })),
  ];
  return (
    <section className="panel catalog" aria-labelledby="catalog-title">
      <header className="panel-header">
        <h2 id="catalog-title">{t('catalog.title')}</h2>
        <CatalogToolbar profiled={profiled} onOpenFile={onOpenFile} onProfileTable={onProfileTable} />
      </header>
      {tables.length === 0 ? <p className="muted">{t('catalog.empty')}</p> : null}
      <TreeView
        nodes={nodes}
        label={t('catalog.tree')}
        initiallyExpanded={['tables', 'samples', ...courses.map((_, i) => `course:${i}`)]}
        onFocusChange={(id) => setFocusedTable(/^(?:table|column):/.test(id) ? tableOfNode(id, tables) : null)}
      />
    </section>
  );
});
