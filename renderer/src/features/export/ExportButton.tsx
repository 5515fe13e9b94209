import { useContext, useState, type ReactNode } from 'react';
import { t } from '../../i18n/i18n';
import { ExportDialog } from './ExportDialog';
import { ExportEngine } from './exportEngine';

export interface ExportRequestOptions {
  relation: string;
  baseName?: string | undefined;
  /** The dialog's heading: the result's by default. */
  title?: string | undefined;
}

/**
 * The export dialog, opened by any control (a button, an overflow menu's item): render `dialog`
 * where the control is; `open` is null when no engine can export (nothing to offer).
 */
export function useExportDialog(): { open: ((options: ExportRequestOptions) => void) | null; dialog: ReactNode } {
  const engine = useContext(ExportEngine);
  const [request, setRequest] = useState<ExportRequestOptions | null>(null);
  const dialog =
    engine && request ? (
      <ExportDialog
        engine={engine}
        relation={request.relation}
        baseName={request.baseName ?? t('export.defaultFileName')}
        {...(request.title ? { title: request.title } : {})}
        onClose={() => setRequest(null)}
      />
    ) : null;
  return { open: engine ? setRequest : null, dialog };
}
