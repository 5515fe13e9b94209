import type { ResultRows } from '../../engine/results/resultRows';
import { t } from '../../i18n/i18n';
import { useExportDialog } from '../export/ExportButton';
import type { MenuAction } from '../layout/MenuButton';
import { OverflowToolbar } from '../layout/OverflowToolbar';
import { setLocaleNumbers, useLocaleNumbers } from './gridDisplay';

export type CopyFormat = 'csv' | 'tsv' | 'markdown' | 'spreadsheet';

const copyLabels = {
  csv: 'results.copyAsCsv',
  tsv: 'results.copyAsTsv',
  markdown: 'results.copyAsMarkdown',
  spreadsheet: 'results.copyForSpreadsheet',
} as const;

/**
 * The result's actions on one line: Export…, Profile columns, copies, and the locale switch for
 * numbers and dates; those that do not fit go to the "More actions" menu at its end.
 */
export function ResultsToolbar({
  rows,
  relation,
  settled,
  onCopy,
  onProfile,
}: {
  rows: ResultRows;
  /** The SQL relation of the result, when it can be exported and profiled. */
  relation: string | null;
  /** The statement ended and no view is being computed: the whole result can be copied. */
  settled: boolean;
  onCopy(rows: ResultRows, format: CopyFormat): void;
  onProfile(): void;
}) {
  const localeNumbers = useLocaleNumbers();
  const exportDialog = useExportDialog();
  const openExport = exportDialog.open;
  const actions: MenuAction[] = [];
  // In the order they give way to the menu from the end: Export and Profile stay longest.
  if (settled) {
    if (relation !== null && openExport) {
      actions.push({ id: 'export', label: t('export.open'), opensDialog: true, onSelect: () => openExport({ relation }) });
    }
    if (relation !== null) actions.push({ id: 'profile', label: t('profile.openResult'), onSelect: onProfile });
    for (const format of ['csv', 'tsv', 'markdown', 'spreadsheet'] as const) {
      actions.push({ id: `copy-${format}`, label: t(copyLabels[format]), onSelect: () => onCopy(rows, format) });
    }
  }
  actions.push({
    id: 'locale-numbers',
    label: <span title={t('results.localeNumbersHint')}>{t('results.localeNumbers')}</span>,
    accessibleName: t('results.localeNumbers'),
    checked: localeNumbers,
    onSelect: () => setLocaleNumbers(!localeNumbers),
  });
  return (
    <>
      <OverflowToolbar label={t('results.actions')} actions={actions} className="results-toolbar" />
      {exportDialog.dialog}
    </>
  );
}
