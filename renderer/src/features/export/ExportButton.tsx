import { useContext, useState } from 'react';
import { t } from '../../i18n/i18n';
import { ExportDialog } from './ExportDialog';
import { ExportEngine } from './exportEngine';

/** The feature's entry: a button that opens the export dialog for a relation (a result or a table). */
export function ExportButton({
  relation,
  baseName = 'result',
  label,
  title,
}: {
  relation: string;
  baseName?: string;
  /** The button's text (and the dialog's heading): "Export…" for the result by default. */
  label?: string;
  title?: string;
}) {
  const engine = useContext(ExportEngine);
  const [open, setOpen] = useState(false);
  if (!engine) return null;
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {label ?? t('export.open')}
      </button>
      {open ? <ExportDialog engine={engine} relation={relation} baseName={baseName} {...(title ? { title } : {})} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
