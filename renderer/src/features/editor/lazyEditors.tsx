import { forwardRef, memo, useEffect, useState } from 'react';
import type { SqlEditorHandle, SqlEditorProps } from './SqlEditor';
import type { SqlCellEditorProps } from '../notebook/SqlCellEditor';

/**
 * The SQL editors, and Monaco under them (three quarters of the page's script), in a chunk of
 * their own: the page's shell runs and paints while the browser is still compiling Monaco on the
 * other core, instead of after it. The chunk is asked for as soon as this module runs, and the
 * page's HTML preloads it (scripts/build/preloadChunks.ts), so it is never fetched late. Until it
 * has run, each editor's place is kept, empty and marked busy.
 *
 * Not React.lazy: a Suspense boundary reveals its content at most every 300 ms, which would keep
 * the editor hidden well after its code is ready.
 */
type Editors = typeof import('./editors');

const editors: Promise<Editors> = import('./editors');
let loaded: Editors | null = null;

/** Settles once the editors' chunk has run (or failed to load). */
export const editorsLoaded: Promise<void> = editors.then(
  (module) => {
    loaded = module;
  },
  () => undefined,
);

function useEditors(): Editors | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let current = true;
    void editorsLoaded.then(() => {
      if (current) setModule(loaded);
    });
    return () => {
      current = false;
    };
  }, [module]);
  return module;
}

export const SqlEditor = memo(
  forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
    const module = useEditors();
    return module ? <module.SqlEditor ref={ref} {...props} /> : <div className="sql-editor" dir="ltr" aria-busy="true" />;
  }),
);

export function SqlCellEditor(props: SqlCellEditorProps) {
  const module = useEditors();
  return module ? <module.SqlCellEditor {...props} /> : <div className="notebook-sql-editor" dir="ltr" aria-busy="true" />;
}
