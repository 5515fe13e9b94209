import { t } from '../../i18n/i18n';
import { RecentNotebooks } from './RecentNotebooks';
import { isDirty, type NotebooksState } from './useNotebooks';

/** The open notebooks' tabs, beside the query tabs: a dot marks unsaved work. */
export function NotebookTabs({ notebooks }: { notebooks: NotebooksState }) {
  return (
    <div className="notebook-tabs" role="group" aria-label={t('notebook.ui.tabs')}>
      {notebooks.docs.map((doc) => {
        const dirty = isDirty(doc);
        return (
          <span key={doc.key} className={`notebook-tab${notebooks.active?.key === doc.key ? ' notebook-tab--active' : ''}`}>
            <button
              type="button"
              aria-pressed={notebooks.active?.key === doc.key}
              aria-label={dirty ? t('notebook.ui.tabUnsaved', { file: doc.fileName }) : t('notebook.ui.tab', { file: doc.fileName })}
              onClick={() => notebooks.activate(doc.key)}
            >
              <bdi>{doc.fileName}</bdi>
              {dirty ? <span aria-hidden="true">{t('notebook.ui.dirtyGlyph')}</span> : null}
            </button>
            <button type="button" className="notebook-tab-close" aria-label={t('notebook.ui.close', { file: doc.fileName })} onClick={() => notebooks.close(doc)}>
              {t('notebook.ui.closeGlyph')}
            </button>
          </span>
        );
      })}
      <button type="button" onClick={notebooks.create}>
        {t('notebook.ui.new')}
      </button>
      <RecentNotebooks open={notebooks.open} notify={notebooks.notify} />
    </div>
  );
}
