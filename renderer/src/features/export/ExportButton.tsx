import { useContext, useState, type ReactNode } from 'react';
import { t } from '../../i18n/i18n';
import { ExportDialog } from './ExportDialog';
import { ExportEngine } from './exportEngine';

/** The feature's entry: a button that opens the export dialog for a relation (a result or a table). */
export function ExportButton({
  relation,
  baseName,
  label,
  title,
}: {
  /** What to export; null disables the button (nothing chosen yet). */
  relation: string | null;
  baseName?: string;
  /** The button's content: "Export…" for the result by default. */
  label?: ReactNode;
  /** The dialog's heading: the result's by default. */
  title?: string;
}) {
  const engine = useContext(ExportEngine);
  const [open, setOpen] = useState(false);
  if (!engine) return null;
  return (
    <>
      <button type="button" aria-haspopup="dialog" disabled={relation === null} onClick={() => setOpen(true)}>
        {label ?? t('export.open')}
      </button>
      {open && relation !== null ? <ExportDialog engine={engine} relation={relation} baseName={baseName ?? t('export.defaultFileName')} {...(title ? { title } : {})} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
