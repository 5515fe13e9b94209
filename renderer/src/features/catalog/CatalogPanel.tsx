import type { Dataset } from '../../../../shared/contract/hostApi';
import type { CatalogTable } from '../../engine/engine';
import { t } from '../../i18n/i18n';
import { TreeView, type TreeNode } from './TreeView';

export interface CatalogPanelProps {
  samples: readonly Dataset[];
  tables: readonly CatalogTable[];
  onLoadSample(dataset: Dataset): void;
  onQueryTable(table: CatalogTable): void;
  onOpenFile(): void;
}

/** The datasets the user can load and the tables the engine holds, with their columns and types. */
export function CatalogPanel({ samples, tables, onLoadSample, onQueryTable, onOpenFile }: CatalogPanelProps) {
  const nodes: TreeNode[] = [
    {
      id: 'tables',
      label: t('catalog.tables'),
      children: tables.map((table) => ({
        id: `table:${table.name}`,
        label: table.name,
        detail: t(table.columns.length === 1 ? 'catalog.columnsOne' : 'catalog.columns', { count: table.columns.length }),
        onActivate: () => onQueryTable(table),
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
        label: dataset.title ?? dataset.fileName,
        detail: dataset.fileName,
        onActivate: () => onLoadSample(dataset),
      })),
    },
  ];
  return (
    <section className="panel catalog" aria-labelledby="catalog-title">
      <header className="panel-header">
        <h2 id="catalog-title">{t('catalog.title')}</h2>
        <button type="button" onClick={onOpenFile}>
          {t('catalog.openFile')}
        </button>
      </header>
      {tables.length === 0 ? <p className="muted">{t('catalog.empty')}</p> : null}
      <TreeView nodes={nodes} label={t('catalog.tree')} initiallyExpanded={['tables', 'samples']} />
    </section>
  );
}
