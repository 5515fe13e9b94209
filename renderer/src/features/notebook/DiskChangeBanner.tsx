/**
 * Another program changed the open notebook's file: say so, and let the user choose which text to
 * keep. Nothing happens until they do (their edits are never dropped silently, nor the file's).
 */
import { t } from '../../i18n/i18n';

export function DiskChangeBanner({ fileName, dirty, onReload, onKeepMine }: { fileName: string; dirty: boolean; onReload(): void; onKeepMine(): void }) {
  return (
    <div className="notebook-disk-change" role="alert">
      <span>{t(dirty ? 'notebook.app.changedOnDiskDirty' : 'notebook.app.changedOnDisk', { file: fileName })}</span>
      <button type="button" onClick={onReload}>
        {t('notebook.app.reload')}
      </button>
      <button type="button" onClick={onKeepMine}>
        {t('notebook.app.keepMine')}
      </button>
    </div>
  );
}
