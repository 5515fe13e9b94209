/**
 * The notebooks open in the page: each read from its file (or new), edited in memory, saved back
 * through the host. A notebook is dirty while its text differs from what was last read or saved.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createCell, parseNotebook, serializeNotebook, type Notebook } from '../../../../shared/notebook/notebookFormat';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { forgetNotebookLoop } from './notebookLoops';

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

/** Unique across runs too: the key names the notebook's recovery file in the data folder. */
const nextKey = (): string => `nb-${crypto.randomUUID()}`;

/** How often unsaved edits are copied to the recovery folder. */
const recoveryIntervalMs = 3_000;

export function useNotebooks(notify: (kind: 'error' | 'info', message: string) => void) {
  const [docs, setDocs] = useState<OpenNotebook[]>([]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  /** The text last copied to the recovery folder, by notebook. */
  const kept = useRef(new Map<string, string>());

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
        // Saved: the recovery copy is stale at once (a restart right now must not offer it back).
        kept.current.delete(doc.key);
        void hostClient.notebooks.forgetRecovery(doc.key).catch(() => undefined);
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
    void hostClient.notebooks.forgetRecovery(doc.key).catch(() => undefined);
    forgetNotebookLoop(doc.key);
    setDocs((current) => current.filter((d) => d.key !== doc.key));
    setActiveKey((current) => (current === doc.key ? null : current));
  }, []);

  // Nothing lost: unsaved edits go to the recovery folder every few seconds, and leave it once saved.
  const docsRef = useRef(docs);
  docsRef.current = docs;
  useEffect(() => {
    const timer = setInterval(() => {
      for (const doc of docsRef.current) {
        const text = serializeNotebook(doc.notebook);
        const dirty = doc.savedText === null || text !== doc.savedText;
        if (dirty && kept.current.get(doc.key) !== text) {
          kept.current.set(doc.key, text);
          const recovery = { key: doc.key, path: doc.path, fileName: doc.fileName, text, bom: doc.notebook.bom, savedAt: new Date().toISOString() };
          void hostClient.notebooks.keepForRecovery(recovery).catch(() => kept.current.delete(doc.key));
        } else if (!dirty && kept.current.has(doc.key)) {
          kept.current.delete(doc.key);
          void hostClient.notebooks.forgetRecovery(doc.key).catch(() => undefined);
        }
      }
    }, recoveryIntervalMs);
    return () => clearInterval(timer);
  }, []);

  /** Offers back what the last run left unsaved (a crash, a killed process): reopened, marked unsaved. */
  const recover = useCallback(async () => {
    const found = await hostClient.notebooks.recovered().catch(() => []);
    if (found.length === 0) return;
    const recovered = found.map((entry): OpenNotebook => ({
      key: entry.key,
      path: entry.path,
      fileName: entry.fileName,
      notebook: parseNotebook(entry.text, { bom: entry.bom }),
      savedText: null,
    }));
    for (const entry of found) notify('info', t('notebook.ui.recovered', { file: entry.fileName, time: entry.savedAt }));
    setDocs((current) => [...current, ...recovered]);
    setActiveKey(recovered[0]!.key);
  }, [notify]);

  const anyDirty = docs.some(isDirty);
  useEffect(() => {
    if (!anyDirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDirty]);

  const active = useMemo(() => docs.find((doc) => doc.key === activeKey) ?? null, [docs, activeKey]);
  return { docs, active, activate: setActiveKey, open, create, change, save, close, recover };
}

export type NotebooksState = ReturnType<typeof useNotebooks>;
