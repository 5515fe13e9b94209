import { useContext, useState } from 'react';
import { t } from '../../i18n/i18n';
import { ExportDialog } from './ExportDialog';
import { ExportEngine } from './exportEngine';

/** The feature's entry: a button that opens the export dialog for a relation (a result or a table). */
export function ExportButton({ relation, baseName = 'result' }: { relation: string; baseName?: string }) {
  const engine = useContext(ExportEngine);
  const [open, setOpen] = useState(false);
  if (!engine) return null;
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('export.open')}
      </button>
      {open ? <ExportDialog engine={engine} relation={relation} baseName={baseName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
