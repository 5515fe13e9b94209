/**
 * Said when a course's table name is held by something else in the session. A file the trainee
 * opened can be closed for the course's data (they can open it again: it then gets a free name);
 * a table they made is their work, so the app never drops it and says how to free the name instead.
 */
import type { NameClash } from '../../../../shared/bundles/courseTables';
import { listFormat, t } from '../../i18n/i18n';

export interface CourseTablesNoticeProps {
  clashes: readonly NameClash[];
  /** A load runs: a press meanwhile does nothing (the buttons stay, and keep the focus). */
  busy: boolean;
  onReplace: () => void;
  onCancel: () => void;
}

export function CourseTablesNotice({ clashes, busy, onReplace, onCancel }: CourseTablesNoticeProps) {
  if (clashes.length === 0) return null;
  const files = clashes.filter((clash) => clash.kind === 'openedFile');
  const made = clashes.filter((clash) => clash.kind === 'userTable');
  return (
    <section className="lab-tables" aria-label={t('lab.tables.title')} aria-busy={busy}>
      {/* Announced as it appears: the course's tables are not loaded, and checking waits for them. */}
      <div role="alert">
        {files.length > 0 ? (
          <p>
            {t('lab.tables.openedFiles', {
              count: files.length,
              tables: listFormat.format(files.map((clash) => clash.table)),
              files: listFormat.format(files.map((clash) => clash.fileName)),
            })}
          </p>
        ) : null}
        {made.length > 0 ? <p>{t('lab.tables.userTables', { count: made.length, tables: listFormat.format(made.map((clash) => clash.table)) })}</p> : null}
      </div>
      <div className="lab-actions">
        {files.length > 0 ? (
          <button type="button" className="primary" onClick={() => !busy && onReplace()}>
            {t('lab.tables.replace')}
          </button>
        ) : null}
        <button type="button" onClick={() => !busy && onCancel()}>
          {files.length > 0 ? t('lab.tables.cancel') : t('lab.tables.close')}
        </button>
      </div>
    </section>
  );
}
