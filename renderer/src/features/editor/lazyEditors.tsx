import { forwardRef, memo, useEffect, useState } from 'react';
import type { SqlEditorHandle, SqlEditorProps } from './SqlEditor';
import type { SqlCellEditorProps } from './SqlCellEditor';
import { t } from '../../i18n/i18n';

/**
 * The SQL editors, and Monaco under them (three quarters of the page's script), in a chunk of
 * their own (editors.ts: its file name is the chunk's name): the page's shell runs and paints
 * while the browser is still compiling Monaco, instead of after it. The chunk is asked for as soon
 * as this module runs, and the page's HTML preloads it (scripts/build/preloadChunks.ts), so it is
 * never fetched late. Until it has run, each editor's place is kept, empty and marked busy; if it
 * cannot load, the place says so.
 *
 * Not React.lazy: a Suspense boundary reveals its content at most every 300 ms after showing its
 * fallback, which kept the editor hidden after its code was ready (docs/performance.md).
 */
type Editors = typeof import('./editors');

let loadedEditors: Editors | 'failed' | null = null;

/** Settles once the editors' chunk has run, or failed to load. */
export const editorsLoaded: Promise<void> = import('./editors').then(
  (editors) => {
    loadedEditors = editors;
  },
  (error: unknown) => {
    loadedEditors = 'failed';
    console.error('The SQL editors could not be loaded:', error);
  },
);

function useEditors(): Editors | 'failed' | null {
  const [editors, setEditors] = useState(loadedEditors);
  useEffect(() => {
    if (editors) return;
    let current = true;
    void editorsLoaded.then(() => {
      if (current) setEditors(loadedEditors);
    });
    return () => {
      current = false;
    };
  }, [editors]);
  return editors;
}

/**
 * Whether the editors' code has run: until then (the first fraction of a second of a start) there
 * is no editor for Run, Run all or Format to act on, so the page shows them disabled.
 */
export function useEditorsReady(): boolean {
  const editors = useEditors();
  return editors !== null && editors !== 'failed';
}

/** An editor's place while its code loads, or the reason it cannot show. */
function EditorPlace({ className, failed }: { className: string; failed: boolean }) {
  return failed ? (
    <div className={className} role="alert">
      {t('editor.loadFailed')}
    </div>
  ) : (
    <div className={className} dir="ltr" aria-busy="true" />
  );
}

export const SqlEditor = memo(
  forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
    const editors = useEditors();
    return editors && editors !== 'failed' ? <editors.SqlEditor ref={ref} {...props} /> : <EditorPlace className="sql-editor" failed={editors === 'failed'} />;
  }),
);

export function SqlCellEditor(props: SqlCellEditorProps) {
  const editors = useEditors();
  return editors && editors !== 'failed' ? <editors.SqlCellEditor {...props} /> : <EditorPlace className="notebook-sql-editor" failed={editors === 'failed'} />;
}
