/**
 * The notebooks open in the page: each read from its file (or new), edited in memory, saved back
 * through the host. A notebook is dirty while its text differs from what was last read or saved.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createCell, decodeNotebookBytes, NotebookReadError, parseNotebook, serializeNotebook, type Notebook } from '../../../../shared/notebook/notebookFormat';
import { hostClient, HostRequestError } from '../../host/hostClient';
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
  /** The file's version on disk when last read or saved (null: never read). */
  readonly diskVersion?: string | null;
  /** Another program changed the file since: the user chooses to reload it or keep this text. */
  readonly changedOnDisk?: boolean;
  /** The language its text is written in, when the host knows it (a course's notebook: the course's). */
  readonly language?: string | null;
  /** Its file is in Data Lab's own folders (a course's notebook): it is saved elsewhere, with Save as. */
  readonly readOnly?: boolean;
}

export function isDirty(doc: OpenNotebook): boolean {
  return doc.savedText === null || serializeNotebook(doc.notebook) !== doc.savedText;
}

/** Unique across runs too: the key names the notebook's recovery file in the data folder. */
const nextKey = (): string => `nb-${crypto.randomUUID()}`;

/** How often unsaved edits are copied to the recovery folder. */
const recoveryIntervalMs = 3_000;

/** How often open notebooks' files are checked for another program's change (and whenever the window gets the focus). */
const diskCheckIntervalMs = 3_000;

/**
 * @param onTablesDropped Called once a closed notebook's tables are dropped: what the catalog
 * showed of them is gone.
 */
export function useNotebooks(notify: (kind: 'error' | 'info', message: string) => void, onTablesDropped: () => void) {
  const [docs, setDocs] = useState<OpenNotebook[]>([]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  /** The text last copied to the recovery folder, by notebook. */
  const kept = useRef(new Map<string, string>());

  const open = useCallback(
    async (path: string): Promise<boolean> => {
      try {
        const file = await hostClient.notebooks.open(path);
        const notebook = parseNotebook(file.text, { bom: file.bom });
        for (const problem of notebook.problems) notify('error', t(problem.key, problem.params));
        const doc: OpenNotebook = { key: nextKey(), path: file.path, fileName: file.fileName, notebook, savedText: file.text, diskVersion: file.version, language: file.language ?? null, readOnly: file.readOnly ?? false };
        setDocs((current) => [...current.filter((d) => d.path !== file.path || isDirty(d)), doc]);
        setActiveKey(doc.key);
        return true;
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
        return false;
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

  /** A `.md` file dropped on the window: opened as a notebook with no file yet (Save as gives it one). */
  const openDropped = useCallback(
    (fileName: string, bytes: Uint8Array) => {
      try {
        const { text, bom } = decodeNotebookBytes(bytes);
        const notebook = parseNotebook(text, { bom });
        for (const problem of notebook.problems) notify('error', t(problem.key, problem.params));
        const doc: OpenNotebook = { key: nextKey(), path: null, fileName, notebook, savedText: null };
        setDocs((current) => [...current, doc]);
        setActiveKey(doc.key);
        notify('info', t('notebook.app.dropped', { file: fileName }));
      } catch (error) {
        notify('error', error instanceof NotebookReadError ? t(error.key, error.params) : error instanceof Error ? error.message : String(error));
      }
    },
    [notify],
  );

  /** The file changed on disk: read it again, in place of this text (the user chose so). */
  const reload = useCallback(
    async (doc: OpenNotebook) => {
      if (!doc.path) return;
      try {
        const file = await hostClient.notebooks.open(doc.path);
        const notebook = parseNotebook(file.text, { bom: file.bom });
        setDocs((current) => current.map((d) => (d.key === doc.key ? { ...d, notebook, savedText: file.text, diskVersion: file.version, changedOnDisk: false } : d)));
        notify('info', t('notebook.app.reloaded', { file: doc.fileName }));
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [notify],
  );

  /** The file changed on disk: keep this text, which is now unsaved (Save writes it over the file). */
  const keepMine = useCallback(
    (doc: OpenNotebook) => {
      void hostClient.notebooks.version(doc.path ?? '').then(
        (version) => setDocs((current) => current.map((d) => (d.key === doc.key ? { ...d, savedText: null, diskVersion: version, changedOnDisk: false } : d))),
        () => undefined,
      );
      notify('info', t('notebook.app.keptMine', { file: doc.fileName }));
    },
    [notify],
  );

  const change = useCallback((key: string, notebook: Notebook) => {
    setDocs((current) => current.map((doc) => (doc.key === key ? { ...doc, notebook } : doc)));
  }, []);

  /** Writes the notebook to `target`; a file there that it does not own is replaced only with `overwrite`. */
  const write = useCallback(
    async (doc: OpenNotebook, target: string, overwrite: boolean): Promise<void> => {
      const text = serializeNotebook(doc.notebook);
      // Its own file: the host refuses if another program wrote it since it was read or saved here.
      const expectedVersion = target === doc.path && doc.diskVersion ? doc.diskVersion : null;
      const saved = await hostClient.notebooks.save({ path: target, text, bom: doc.notebook.bom, expectedVersion, overwrite });
      setDocs((current) => current.map((d) => (d.key === doc.key ? { ...d, path: saved.path, fileName: saved.fileName, savedText: text, diskVersion: saved.version, changedOnDisk: false, readOnly: false } : d)));
      // Saved: the recovery copy is stale at once (a restart right now must not offer it back).
      kept.current.delete(doc.key);
      void hostClient.notebooks.forgetRecovery(doc.key).catch(() => undefined);
      notify('info', t('notebook.ui.saved', { file: saved.fileName }));
    },
    [notify],
  );

  /** Saves to the notebook's own file; a failure is said in a notice. */
  const save = useCallback(
    async (doc: OpenNotebook): Promise<void> => {
      if (doc.path === null) return;
      try {
        // Its own file: replaced without asking. When its version is known (opened or saved here)
        // the host still refuses a file another program changed meanwhile; a notebook recovered
        // after a crash has none, and Save must not be refused as if it were Save as.
        await write(doc, doc.path, true);
      } catch (error) {
        // Changed on disk meanwhile: the banner's choice (reload, or keep mine and save again) is the user's.
        if (error instanceof HostRequestError && error.code === 'notebook.changedSinceOpened') {
          setDocs((current) => current.map((d) => (d.key === doc.key ? { ...d, changedOnDisk: true } : d)));
        }
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [notify, write],
  );

  /** Save as: the form shows a failure, and a file already there is replaced only once the user saves again. */
  const saveAs = useCallback((doc: OpenNotebook, path: string, overwrite: boolean) => write(doc, path, overwrite), [write]);

  const close = useCallback((doc: OpenNotebook) => {
    // Unsaved work is never dropped without the user saying so.
    if (isDirty(doc) && !window.confirm(t('notebook.ui.confirmClose', { file: doc.fileName }))) return;
    void hostClient.notebooks.forgetRecovery(doc.key).catch(() => undefined);
    void forgetNotebookLoop(doc.key).then(onTablesDropped);
    setDocs((current) => current.filter((d) => d.key !== doc.key));
    setActiveKey((current) => (current === doc.key ? null : current));
  }, [onTablesDropped]);

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

  // Another program's change to an open notebook's file is noticed, never overwritten or dropped silently.
  useEffect(() => {
    let checking = false;
    const check = async (): Promise<void> => {
      if (checking) return;
      checking = true;
      try {
        for (const doc of docsRef.current) {
          if (!doc.path || !doc.diskVersion || doc.changedOnDisk) continue;
          const version = await hostClient.notebooks.version(doc.path).catch(() => null);
          // A file that is gone is not a change to offer: Save writes it again.
          if (version === null || version === doc.diskVersion) continue;
          setDocs((current) => current.map((d) => (d.key === doc.key && d.diskVersion === doc.diskVersion ? { ...d, changedOnDisk: true } : d)));
        }
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(() => void check(), diskCheckIntervalMs);
    const onFocus = (): void => void check();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
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
      language: entry.language ?? null,
      readOnly: entry.readOnly ?? false,
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
  return { docs, active, activate: setActiveKey, notify, open, openDropped, create, change, save, saveAs, close, recover, reload, keepMine };
}

export type NotebooksState = ReturnType<typeof useNotebooks>;
