/**
 * The notebooks open in the page: each read from its file (or new), edited in memory, saved back
 * through the host. A notebook is dirty while its text differs from what was last read or saved.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createCell, parseNotebook, serializeNotebook, type Notebook } from '../../../../shared/notebook/notebookFormat';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';

export interface OpenNotebook {
  /** Stable while the notebook is open. */
  readonly key: string;
  /** The file's real path, or null for a notebook never saved. */
  readonly path: string | null;
  readonly fileName: string;
  readonly notebook: Notebook;
  /** The text as last read or saved: the notebook is dirty while it serializes otherwise. */
  readonly savedText: string | null;
}

export function isDirty(doc: OpenNotebook): boolean {
  return doc.savedText === null || serializeNotebook(doc.notebook) !== doc.savedText;
}

let keyCounter = 0;
const nextKey = (): string => `notebook-${++keyCounter}`;

export function useNotebooks(notify: (kind: 'error' | 'info', message: string) => void) {
  const [docs, setDocs] = useState<OpenNotebook[]>([]);
  const [activeKey, setActiveKey] = useState<string | null>(null);

  const open = useCallback(
    async (path: string) => {
      try {
        const file = await hostClient.notebooks.open(path);
        const notebook = parseNotebook(file.text, { bom: file.bom });
        for (const problem of notebook.problems) notify('error', t(problem.key, problem.params));
        const doc: OpenNotebook = { key: nextKey(), path: file.path, fileName: file.fileName, notebook, savedText: file.text };
        setDocs((current) => [...current.filter((d) => d.path !== file.path || isDirty(d)), doc]);
        setActiveKey(doc.key);
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [notify],
  );

  const create = useCallback(() => {
    const notebook = parseNotebook('');
    const doc: OpenNotebook = {
      key: nextKey(),
      path: null,
      fileName: t('notebook.ui.untitled'),
      notebook: { ...notebook, cells: [createCell('markdown', t('notebook.ui.newHeading') + '\n\n'), createCell('sql', 'SELECT 42 AS answer')] },
      savedText: null,
    };
    setDocs((current) => [...current, doc]);
    setActiveKey(doc.key);
  }, []);

  const change = useCallback((key: string, notebook: Notebook) => {
    setDocs((current) => current.map((doc) => (doc.key === key ? { ...doc, notebook } : doc)));
  }, []);

  /** Saves to `path` (Save as) or to the notebook's own file; resolves to whether it was saved. */
  const save = useCallback(
    async (doc: OpenNotebook, path?: string): Promise<boolean> => {
      const target = path ?? doc.path;
      if (target === null) return false;
      const text = serializeNotebook(doc.notebook);
      try {
        const saved = await hostClient.notebooks.save({ path: target, text, bom: doc.notebook.bom });
        setDocs((current) => current.map((d) => (d.key === doc.key ? { ...d, path: saved.path, fileName: saved.fileName, savedText: text } : d)));
        notify('info', t('notebook.ui.saved', { file: saved.fileName }));
        return true;
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
        return false;
      }
    },
    [notify],
  );

  const close = useCallback((doc: OpenNotebook) => {
    // Unsaved work is never dropped without the user saying so.
    if (isDirty(doc) && !window.confirm(t('notebook.ui.confirmClose', { file: doc.fileName }))) return;
    setDocs((current) => current.filter((d) => d.key !== doc.key));
    setActiveKey((current) => (current === doc.key ? null : current));
  }, []);

  const anyDirty = docs.some(isDirty);
  useEffect(() => {
    if (!anyDirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDirty]);

  const active = useMemo(() => docs.find((doc) => doc.key === activeKey) ?? null, [docs, activeKey]);
  return { docs, active, activate: setActiveKey, open, create, change, save, close };
}

export type NotebooksState = ReturnType<typeof useNotebooks>;
