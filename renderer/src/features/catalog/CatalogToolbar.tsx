import type { CatalogTable } from '../../engine/engine';
import { tableRelation } from '../../engine/catalogQueries';
import { t } from '../../i18n/i18n';
import { useExportDialog } from '../export/ExportButton';
import type { MenuAction } from '../layout/MenuButton';
import { OverflowToolbar } from '../layout/OverflowToolbar';

/**
 * The catalog's actions on one line: Open file…, then Profile table and Export table for the
 * focused table; what does not fit the sidebar goes to the "More actions" menu.
 */
export function CatalogToolbar({
  profiled,
  onOpenFile,
  onProfileTable,
}: {
  /** The focused table, which Profile and Export act on; null disables them. */
  profiled: CatalogTable | null;
  onOpenFile(): void;
  onProfileTable(table: CatalogTable): void;
}) {
  const exportDialog = useExportDialog();
  const openExport = exportDialog.open;
  // The same visible labels whichever table has focus (a label that changed width would move the
  // tree under the pointer between press and release); the table's name is spoken.
  const spokenTable = profiled ? <span className="visually-hidden"> {profiled.name}</span> : null;
  const actions: MenuAction[] = [
    { id: 'open', label: t('catalog.openFile'), onSelect: onOpenFile },
    {
      id: 'profile',
      label: (
        <>
          {t('profile.openTable')}
          {spokenTable}
        </>
      ),
      disabled: !profiled,
      onSelect: () => profiled && onProfileTable(profiled),
    },
  ];
  if (openExport) {
    actions.push({
      id: 'export',
      label: (
        <>
          {t('export.openTable')}
          {spokenTable}
        </>
      ),
      disabled: !profiled,
      opensDialog: true,
      onSelect: () =>
        profiled && openExport({ relation: tableRelation(profiled), baseName: profiled.name, title: t('export.titleTable', { table: profiled.name }) }),
    });
  }
  return (
    <>
      <OverflowToolbar label={t('catalog.actions')} actions={actions} />
      {exportDialog.dialog}
    </>
  );
}
