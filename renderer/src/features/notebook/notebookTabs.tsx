import { t } from '../../i18n/i18n';
import type { RowTab } from '../layout/TabRow';
import { ToolbarLabel } from '../layout/ToolbarLabel';
import { RecentNotebooks } from './RecentNotebooks';
import { isDirty, type NotebooksState, type OpenNotebook } from './useNotebooks';

/** The notebook view's element, which every notebook tab shows (one notebook at a time): a tabpanel named by its tab. */
export const notebookPanelId = 'notebook-panel';

/** A notebook's tab's key in the editor's tab row (its element's id: rowTabId). */
export const notebookTabKey = (doc: OpenNotebook): string => doc.key;

/** The open notebooks' tabs in the editor's tab row: a dot marks unsaved work, and the name says so. */
export function notebookTabs({ notebooks, shown, onActivate }: { notebooks: NotebooksState; shown: boolean; onActivate(key: string): void }): RowTab[] {
  return notebooks.docs.map((doc) => {
    const dirty = isDirty(doc);
    return {
      key: notebookTabKey(doc),
      label: (
        <>
          <bdi>{doc.fileName}</bdi>
          {dirty ? <span aria-hidden="true">{t('notebook.ui.dirtyGlyph')}</span> : null}
        </>
      ),
      accessibleName: dirty ? t('notebook.ui.tabUnsaved', { file: doc.fileName }) : t('notebook.ui.tab', { file: doc.fileName }),
      title: doc.path ?? undefined,
      selected: shown && notebooks.active?.key === doc.key,
      panelId: notebookPanelId,
      onSelect: () => onActivate(doc.key),
      close: { run: () => notebooks.close(doc), title: t('notebook.ui.close', { file: doc.fileName }) },
    };
  });
}

/**
 * New notebook and Recent, among the tab row's actions. `onShown` is called as a notebook made or
 * opened here comes in front (the Lab steps back for it).
 */
export function NotebookActions({ notebooks, onShown }: { notebooks: NotebooksState; onShown(): void }) {
  const create = (): void => {
    onShown();
    notebooks.create();
  };
  const open = async (path: string): Promise<boolean> => {
    const opened = await notebooks.open(path);
    if (opened) onShown();
    return opened;
  };
  return (
    <>
      <button type="button" aria-label={t('notebook.ui.new')} title={t('notebook.ui.new')} onClick={create}>
        <ToolbarLabel icon="newNotebook" text={t('notebook.ui.new')} />
      </button>
      <RecentNotebooks open={open} notify={notebooks.notify} />
    </>
  );
}
