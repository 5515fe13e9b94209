import { useEffect, useRef } from 'react';
import { isSqlFileName } from '../../../../shared/contract/sqlFileApi';
import { hostClient } from '../../host/hostClient';
import { SaveAsError, SavePathField, useSaveAs } from '../files/saveAs';
import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/appStore';
import { MenuButton } from '../layout/MenuButton';
import { ToolbarLabel } from '../layout/ToolbarLabel';
import type { SqlFilesState } from './useSqlFiles';

/**
 * The editor's File menu (Save, Save as…) and the Save as form: a path typed in full, as the
 * notebook's Save as takes it. A file already there is replaced only when the user saves again.
 */
export function SqlFileMenu({ files, tabId }: { files: SqlFilesState; tabId: string }) {
  return (
    <>
      <MenuButton
        label={t('sqlFile.menu')}
        content={<ToolbarLabel icon="file" text={t('sqlFile.menu')} />}
        actions={[
          { id: 'save', label: t('sqlFile.save'), onSelect: () => files.save(tabId) },
          { id: 'save-as', label: t('sqlFile.saveAs'), opensDialog: true, onSelect: () => files.askSaveAs(tabId) },
        ]}
      />
      {files.savingAs !== null ? <SaveAsDialog files={files} tabId={files.savingAs} /> : null}
    </>
  );
}

/** `name` with `.sql` at its end. */
function sqlName(name: string): string {
  return isSqlFileName(name) ? name : `${name}.sql`;
}

function SaveAsDialog({ files, tabId }: { files: SqlFilesState; tabId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const tab = useAppState((s) => s.workspace?.tabs.find((candidate) => candidate.id === tabId));
  const close = (): void => files.askSaveAs(null);
  const form = useSaveAs(tab?.file?.path ?? '', async (path, overwrite) => {
    await files.write(tabId, { path, overwrite });
    close();
  });

  useEffect(() => {
    dialog.current?.showModal();
    // A tab without a file is offered the first folder the file browser shows, under the tab's name.
    if (tab?.file) return;
    const name = sqlName(tab?.title.replace(/[\\/]/g, '_') ?? 'query');
    void hostClient.roots().then(
      (roots) => form.offer(roots[0] ? `${roots[0].path.replace(/[\\/]$/, '')}/${name}` : name),
      () => form.offer(name),
    );
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby="sql-save-as-title" onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void form.save();
        }}
      >
        <h2 id="sql-save-as-title">{t('sqlFile.saveAsTitle')}</h2>
        <SavePathField label={t('sqlFile.saveAsPath')} form={form} />
        <SaveAsError form={form} />
        <div className="dialog-actions">
          {form.busy ? <span role="status">{t('sqlFile.saving')}</span> : null}
          <button type="button" onClick={close}>
            {t('sqlFile.cancel')}
          </button>
          <button type="submit" className="primary" disabled={form.busy || form.destination.trim() === ''}>
            {t('sqlFile.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
