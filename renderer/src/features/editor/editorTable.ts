/**
 * A table as SQL completion offers it: the catalog's tables (an engine's `CatalogTable` has this
 * shape) and tables only some editors know of (a notebook's named results, in that notebook's
 * cells). Written out here, not imported, so that pure modules using it stay free of the engine.
 */
export interface EditorTable {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
  /** Shown beside the name instead of the table's kind. */
  description?: string;
}
