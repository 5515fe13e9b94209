import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Dataset, HistoryEntry, NativeSettingsBody, Session } from '../../../shared/contract/hostApi';
import type { NativeApi } from '../../../shared/contract/nativeApi';
import type { CatalogTable, Engine } from '../engine/engine';
import { tableRelation } from '../engine/catalogQueries';
import type { EngineRegistry } from '../engine/engineRegistry';
import { EngineError } from '../engine/engine';
import { hostClient } from '../host/hostClient';
import { setLocale, t, useLocale } from '../i18n/i18n';
import { CatalogPanel } from '../features/catalog/CatalogPanel';
import { SqlEditor, type SqlEditorHandle } from '../features/editor/SqlEditor';
import { setEngineVocabulary } from '../features/editor/monacoSetup';
import { FileBrowserDialog } from '../features/files/FileBrowserDialog';
import { HistoryPanel } from '../features/history/HistoryPanel';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { ExportEngine } from '../features/export/exportEngine';
import { ColumnProfilePanel, type ColumnProfilePanelProps } from '../features/profile/ColumnProfilePanel';
import { StatusBar } from '../features/status/StatusBar';
import { NativeSettingsDialog } from '../features/status/NativeSettingsDialog';
import { useDatasets } from './useDatasets';
import { useLoadStates } from './loads/loadStates';
import { DatasetLoads } from '../features/catalog/DatasetLoads';
import { useNotifications } from './useNotifications';
import { useQueryRunner } from './useQueryRunner';
import { useWorkspace } from './useWorkspace';
import { reopenRecordedFiles } from './reopenFiles';
import { EditorTabs } from '../features/editor/EditorTabs';
import { Notifications } from './Notifications';
import { isNotebookFileName, NotebookTabs, NotebookView, useNotebooks } from '../features/notebook';

declare global {
  interface Window {
    /** Present only in the Electron shell (see electron/preload). */
    dataLabNative?: NativeApi;
  }
}

export function App({ engines }: { engines: EngineRegistry }) {
  const { notifications, notify, dismiss } = useNotifications();
  const reportError = useCallback((message: string) => notify('error', message), [notify]);
  const { workspace, history, saveProblem, setTabSql, addTab, closeTab, activateTab, recordHistory, setEngine, setNativeSettings, recordOpenedFile, forgetOpenedFile, setWorkspaceLocale } =
    useWorkspace(reportError);
  // Re-renders the tree in the new language when the user switches (see i18n/i18n.ts).
  const locale = useLocale();
  // The workspace's language wins over the system's, once the workspace has loaded.
  const savedLocale = workspace?.locale;
  useEffect(() => setLocale(savedLocale), [savedLocale]);
  // Each workspace runs on the engine it chose; the in-app engine until it has loaded.
  const engine: Engine = engines.get(workspace?.engine ?? 'wasm');
  // Set once switchEngine exists below; a file too big for the in-app engine offers the switch.
  const switchToNativeRef = useRef<() => void>(() => undefined);
  const switchToNative = useCallback(() => switchToNativeRef.current(), []);
  const { tables, progress, refreshCatalog, loadDataset, loadLocalFile, ...loads } = useDatasets(
    engine,
    notify,
    switchToNative,
    useCallback((dataset: Dataset, table: string) => recordOpenedFile(dataset.displayPath, table), [recordOpenedFile]),
    useCallback((dataset: Dataset) => forgetOpenedFile(dataset.displayPath), [forgetOpenedFile]),
  );
  const loadStates = useLoadStates(loads.loadStates);
  const [engineState, setEngineState] = useState<'starting' | 'ready' | 'failed'>('starting');
  const [session, setSession] = useState<Session | null>(null);
  const [browsingFiles, setBrowsingFiles] = useState(false);
  const editor = useRef<SqlEditorHandle>(null);
  const notebooks = useNotebooks(notify);
  const openNotebook = notebooks.open;
  const recoverNotebooks = notebooks.recover;

  const runnerHooks = useMemo(
    () => ({
      onFinished: (entry: HistoryEntry) => recordHistory(entry),
      // The marker goes to the tab the statements came from, even if the user has switched tabs since.
      onError: (offset: number | null, message: string) => {
        const tabId = runTabId.current;
        if (offset !== null && tabId) editor.current?.markError(tabId, { offset, message });
      },
      onCatalogMayHaveChanged: () => void refreshCatalog().catch(() => undefined),
    }),
    [recordHistory, refreshCatalog],
  );
  const runTabId = useRef<string | null>(null);
  const { state: runState, run, cancel, setView } = useQueryRunner(engine, runnerHooks);

  const [settingsOpen, setSettingsOpen] = useState(false);
  const [currentNativeSettings, setCurrentNativeSettings] = useState<NativeSettingsBody | null>(null);
  const openNativeSettings = useCallback(() => {
    void hostClient.native.start().then(
      ({ settings }) => {
        setCurrentNativeSettings(settings);
        setSettingsOpen(true);
      },
      (error: unknown) => notify('error', error instanceof Error ? error.message : String(error)),
    );
  }, [notify]);
  const saveNativeSettings = useCallback(
    (settings: NativeSettingsBody) => {
      setSettingsOpen(false);
      setNativeSettings(settings);
      void hostClient.native.setSettings(settings).then(
        () => notify('info', t('settings.saved', { memory: { bytes: Number.parseInt(settings.memoryLimit, 10) * 2 ** 20 }, threads: settings.threads })),
        (error: unknown) => notify('error', error instanceof Error ? error.message : String(error)),
      );
    },
    [notify, setNativeSettings],
  );
  // The workspace's own settings apply from the start (the first ones sent before any statement).
  const savedNativeSettings = workspace?.nativeSettings;
  useEffect(() => {
    if (savedNativeSettings) void hostClient.native.setSettings(savedNativeSettings).catch(() => undefined);
  }, [savedNativeSettings]);

  const switchEngine = useCallback(() => {
    const next = engine.kind === 'wasm' ? 'native' : 'wasm';
    setEngine(next);
    setEngineState('starting');
    notify('info', t('engine.switched', { engine: t(engines.get(next).labelKey) }));
  }, [engine, engines, notify, setEngine]);
  useEffect(() => {
    switchToNativeRef.current = () => {
      if (engine.kind === 'wasm') switchEngine();
    };
  }, [engine, switchEngine]);

  // The engine starts in the background; the editor is usable meanwhile.
  useEffect(() => {
    let current = true;
    engine.ready.then(
      async () => {
        if (!current) return;
        setEngineState('ready');
        const words = await engine.vocabulary().catch(() => null);
        if (words) setEngineVocabulary(words.functions, words.keywords);
        await refreshCatalog().catch(() => undefined);
      },
      (error: unknown) => {
        if (!current) return;
        setEngineState('failed');
        const message = error instanceof EngineError && error.message === 'wasm-blocked'
          ? t('engine.wasmBlocked')
          : t('engine.failed', { message: error instanceof Error ? error.message : String(error) });
        notify('error', message);
      },
    );
    return () => {
      current = false;
    };
  }, [engine, notify, refreshCatalog]);

  // Files named on the command line open once, as soon as the workspace says which engine to
  // use and that engine can take them.
  const workspaceLoaded = workspace !== null;
  const recordedFiles = workspace?.openedFiles;
  const startupHandled = useRef(false);
  useEffect(() => {
    if (!workspaceLoaded || startupHandled.current) return;
    startupHandled.current = true;
    void hostClient.session().then(
      async (loadedSession) => {
        setSession(loadedSession);
        for (const failure of loadedSession.startupErrors) notify('error', failure.message);
        await recoverNotebooks();
        for (const file of loadedSession.notebooksAtStart) await openNotebook(file);
        // An engine that failed to start has already said so; there is nothing to load the files into.
        if (!(await engine.ready.then(() => true, () => false))) return;
        // The workspace's files first, under their names; a command-line file among them is then
        // already loaded, and a page reload adds nothing twice.
        await reopenRecordedFiles(recordedFiles ?? [], loadedSession, loadDataset, forgetOpenedFile, (text) => notify('error', text));
        for (const id of loadedSession.openAtStart) {
          const dataset = loadedSession.datasets.find((d) => d.id === id);
          if (dataset) await loadDataset(dataset, undefined, 'commandLine');
        }
      },
      (error: unknown) => notify('error', t('error.host', { message: error instanceof Error ? error.message : String(error) })),
    );
  }, [workspaceLoaded, recordedFiles, engine, loadDataset, forgetOpenedFile, notify, openNotebook, recoverNotebooks]);

  // Files opened from elsewhere (a second launch with file names) load into the current engine.
  useEffect(
    () =>
      hostClient.subscribe((event) => {
        if (event.type === 'dataset-opened') void loadDataset(event.dataset, undefined, 'commandLine');
        if (event.type === 'notice') notify('error', event.message);
      }),
    [loadDataset, notify],
  );

  const openFile = useCallback(async () => {
    if (window.dataLabNative) {
      try {
        for (const dataset of await window.dataLabNative.openFileDialog()) await loadDataset(dataset);
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    } else {
      setBrowsingFiles(true);
    }
  }, [loadDataset, notify]);

  const chooseFile = useCallback(
    async (path: string) => {
      setBrowsingFiles(false);
      if (isNotebookFileName(path)) return openNotebook(path);
      try {
        await loadDataset(await hostClient.openDataset(path));
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [loadDataset, notify, openNotebook],
  );

  const onDrop = useCallback(
    async (event: DragEvent) => {
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      try {
        if (window.dataLabNative) {
          for (const dataset of await window.dataLabNative.openDroppedFiles(files)) await loadDataset(dataset, undefined, 'drop');
        } else {
          for (const file of files) await loadLocalFile(file);
        }
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [loadDataset, loadLocalFile, notify],
  );

  // Read through a ref, so runFromEditor stays the same function (the memoized editor holds it).
  const runStatus = useRef(runState.status);
  runStatus.current = runState.status;
  const runFromEditor = useCallback(
    (all: boolean) => {
      // One run at a time: Ctrl+Enter during a run does nothing, as the disabled Run button says.
      if (runStatus.current === 'running') return;
      const target = editor.current?.runTarget(all);
      if (!target) return;
      runTabId.current = target.tabId;
      editor.current?.markError(target.tabId, null);
      void run(target.statements);
    },
    [run],
  );
  const runSelection = useCallback(() => runFromEditor(false), [runFromEditor]);
  const runAll = useCallback(() => runFromEditor(true), [runFromEditor]);
  const addEmptyTab = useCallback(() => addTab(), [addTab]);
  const loadSample = useCallback((dataset: Dataset) => void loadDataset(dataset), [loadDataset]);
  const openFileFromCatalog = useCallback(() => void openFile(), [openFile]);

  const [profileTarget, setProfileTarget] = useState<ColumnProfilePanelProps | null>(null);
  const closeProfile = useCallback(() => setProfileTarget(null), []);
  const profileTable = useCallback(
    (table: CatalogTable) =>
      setProfileTarget({
        engine,
        relation: tableRelation(table),
        columns: table.columns.map((column) => ({ name: column.name, typeName: column.type })),
        title: table.name,
        onClose: closeProfile,
      }),
    [engine, closeProfile],
  );
  const profileResult = useCallback(() => {
    const result = runState.result;
    if (!result?.relation) return;
    setProfileTarget({
      engine,
      relation: result.relation,
      columns: result.rows.columns.map((column) => ({ name: column.name, typeName: column.typeName })),
      title: t('profile.resultName'),
      onClose: closeProfile,
    });
  }, [engine, runState.result, closeProfile]);
  // A profile belongs to the engine it ran on.
  useEffect(() => setProfileTarget(null), [engine]);

  const queryTable = useCallback(
    (table: CatalogTable) => addTab(`SELECT * FROM ${tableRelation(table)} LIMIT 1000;`),
    [addTab],
  );

  const samples = useMemo(() => session?.datasets.filter((d) => d.origin === 'sample') ?? [], [session]);

  if (!workspace) return <div className="app-loading">{t('app.loading')}</div>;
  const activeTabId = workspace.activeTabId ?? workspace.tabs[0]?.id ?? '';

  return (
    <ExportEngine value={engine}>
    <div className="app" onDragOver={(event) => event.preventDefault()} onDrop={(event) => void onDrop(event)}>
      <aside className="sidebar">
        <CatalogPanel
          samples={samples}
          tables={tables}
          onLoadSample={loadSample}
          onQueryTable={queryTable}
          onOpenFile={openFileFromCatalog}
          onProfileTable={profileTable}
        />
        <DatasetLoads
          states={loadStates}
          engineKind={engine.kind}
          onCancel={loads.cancelLoad}
          onRetry={loads.retryLoad}
          onOpenOnNative={loads.openOnNative}
          onRemove={loads.removeLoad}
        />
        <HistoryPanel history={history} onRestore={addTab} />
      </aside>
      <main className={`workbench${profileTarget ? ' workbench--profiling' : ''}${notebooks.active ? ' workbench--notebook' : ''}`}>
        <h1 className="visually-hidden">{t('app.title')}</h1>
        <div className="editor-area">
          <div className="editor-toolbar">
            <EditorTabs
              tabs={workspace.tabs}
              activeTabId={activeTabId}
              onActivate={(id) => {
                notebooks.activate(null);
                activateTab(id);
              }}
              onClose={closeTab}
              onAdd={addEmptyTab}
            />
            <NotebookTabs notebooks={notebooks} />
            <div className="editor-actions">
              <button type="button" className="primary" onClick={runSelection} disabled={runState.status === 'running'} title={t('editor.runHint')}>
                {t('editor.run')}
              </button>
              <button type="button" onClick={runAll} disabled={runState.status === 'running'}>
                {t('editor.runAll')}
              </button>
              <button type="button" onClick={() => void cancel()} disabled={runState.status !== 'running'}>
                {t('editor.cancel')}
              </button>
              <button type="button" onClick={() => editor.current?.format()}>
                {t('editor.format')}
              </button>
            </div>
          </div>
          <SqlEditor
            ref={editor}
            tabs={workspace.tabs}
            activeTabId={activeTabId}
            ariaLabel={t('editor.label')}
            onChange={setTabSql}
            onRun={runFromEditor}
          />
        </div>
        {notebooks.active ? (
          <NotebookView key={notebooks.active.key} doc={notebooks.active} engine={engine} notebooks={notebooks} onCopied={(message) => notify('info', message ?? t('results.copied'))} />
        ) : <ResultsPanel
          state={runState}
          onView={(view) => void setView(view)}
          onProfile={profileResult}
          onCopied={(message) => notify('info', message ?? t('results.copied'))}
          onSwitchToNative={switchToNative}
          engineSpills={engine.kind === 'native'}
        />}
        {profileTarget ? <ColumnProfilePanel key={`${profileTarget.relation}`} {...profileTarget} /> : null}
      </main>
      <StatusBar
        engineLabel={engine.labelKey}
        otherEngineLabel={engines.get(engine.kind === 'wasm' ? 'native' : 'wasm').labelKey}
        engineState={engineState}
        progress={progress}
        onSwitchEngine={runState.status === 'running' ? undefined : switchEngine}
        onOpenSettings={engine.kind === 'native' ? openNativeSettings : undefined}
        locale={locale}
        onChangeLocale={setWorkspaceLocale}
      />
      <NativeSettingsDialog open={settingsOpen} settings={currentNativeSettings} onSave={saveNativeSettings} onClose={() => setSettingsOpen(false)} />
      <Notifications notifications={notifications} onDismiss={dismiss} saveProblem={saveProblem} />
      <FileBrowserDialog open={browsingFiles} onClose={() => setBrowsingFiles(false)} onChoose={(path) => void chooseFile(path)} />
    </div>
    </ExportEngine>
  );
}
