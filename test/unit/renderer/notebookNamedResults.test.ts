import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../shared/notebook/notebookFormat';
import type { NotebookTable } from '../../../shared/notebook/notebookEngine';
import { namedResultsFor } from '../../../renderer/src/features/notebook/namedResults';

const text = '```sql ventes\nSELECT 1 AS n\n```\n\n```sql\nSELECT 2\n```\n\n```sql par_ville\nFROM ventes\n```\n\n```sql Ventes\nSELECT 3\n```\n';

describe('named results offered by completion in a notebook cell', () => {
  const cells = parseNotebook(text).cells;
  const [ventes, unnamed, parVille] = cells.filter((cell) => cell.kind === 'sql');
  const ran: NotebookTable = { columns: ['ville', 'total'], types: ['VARCHAR', 'DECIMAL(18,2)'], rows: [], rowCount: 0 };
  const lastResult = (id: string): NotebookTable | null => (id === ventes!.id ? ran : null);

  it('are the other named cells, above and below, once each whatever the case, with the columns of their last result', () => {
    expect(namedResultsFor(cells, unnamed!.id, lastResult, 'notebook result')).toEqual([
      { name: 'ventes', kind: 'table', description: 'notebook result', columns: [{ name: 'ville', type: 'VARCHAR' }, { name: 'total', type: 'DECIMAL(18,2)' }] },
      { name: 'par_ville', kind: 'table', description: 'notebook result', columns: [] },
    ]);
  });

  it('leave out the cell’s own result (reading it would be a cycle)', () => {
    expect(namedResultsFor(cells, parVille!.id, lastResult, 'r').map((table) => table.name)).toEqual(['ventes']);
  });
});
