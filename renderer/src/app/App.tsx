import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent } from 'react';
import type { Dataset, HistoryEntry, NativeSettingsBody, Session } from '../../../shared/contract/hostApi';
import type { NativeApi } from '../../../shared/contract/nativeApi';
import type { CatalogTable, Engine } from '../engine/engine';
import { tableRelation } from '../engine/catalogQueries';
import type { EngineRegistry } from '../engine/engineRegistry';
import { EngineError } from '../engine/engine';
import { hostClient } from '../host/hostClient';
import { askedLocale, setLocale, t, useLocale } from '../i18n/i18n';
import { CatalogPanel } from '../features/catalog/CatalogPanel';
import type { SqlEditorHandle } from '../features/editor/SqlEditor';
import { SqlEditor, useEditorsReady } from '../features/editor/lazyEditors';
import { setEngineVocabulary } from '../features/editor/editorVocabulary';
import { FileBrowserDialog } from '../features/files/FileBrowserDialog';
import { HistoryPanel, type HistoryTarget } from '../features/history/HistoryPanel';
import { ShortcutsDialog } from '../features/keyboard/ShortcutsDialog';
import { useWorkbenchShortcuts } from '../features/keyboard/useWorkbenchShortcuts';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { ExportEngine } from '../features/export/exportEngine';
import { ColumnProfilePanel, type ColumnProfilePanelProps } from '../features/profile/ColumnProfilePanel';
import { StatusBar } from '../features/status/StatusBar';
import { NativeSettingsDialog } from '../features/status/NativeSettingsDialog';
import { useDatasets } from './useDatasets';
import { useLoadStates } from './loads/loadStates';
import { DatasetLoads } from '../features/catalog/DatasetLoads';
import { TableKeepingList } from '../features/catalog/TableKeepingList';
import { keepsTable, useKeptTables } from './keptTables';
import { useQueryRunner } from './useQueryRunner';
import { AppStateProvider, useAppState, useAppStore } from '../state/appStore';
import { otherEngineKind, selectEngine } from '../state/engineSlice';
import { startWorkspaceSync } from '../state/workspaceSync';
import { shownResult } from '../state/resultsSlice';
import { StatementTabs } from '../features/results/StatementTabs';
import { Splitter } from '../features/layout/Splitter';
import { WelcomePanel } from '../features/welcome/WelcomePanel';
import { splitStatements } from '../../../shared/sql/statements';
import { reopenRecordedFiles } from './reopenFiles';
import { useCourseTableLoader, useMissingCourseTables } from './courseTables';
import { queryTabKey, sqlEditorPanelId, useQueryTabs } from '../features/editor/queryTabs';
import { EditorToolbar } from '../features/editor/EditorToolbar';
import { rowTabId } from '../features/layout/TabRow';
import { ToolbarLabel } from '../features/layout/ToolbarLabel';
import { ErrorNotifications } from './ErrorNotifications';
import { StatusNotices } from './StatusNotices';
import { isNotebookFileName, NotebookActions, notebookTabs, NotebookView, useNotebooks } from '../features/notebook';
import { InstructorView, isBundleFileName, labTabs, LabView, useLab } from '../features/lab';
import { isSqlFileName, SqlFileMenu, useSqlFiles } from '../features/sqlFiles';

declare global {
  interface Window {
    /** Present only in the Electron shell (see electron/preload). */
    dataLabNative?: NativeApi;
  }
}

const noDatasets: readonly Dataset[] = [];

/** The panes' sizes until the user moves a splitter (percent of the window's width, of the workbench's height). */
const defaultSidebarPercent = 22;
const defaultEditorPercent = 45;

export function App({ engines }: { engines: EngineRegistry }) {
  return (
    <AppStateProvider engines={engines}>
      <Workbench />
    </AppStateProvider>
  );
}

function Workbench() {
  const store = useAppStore();
  // Actions are made once with the store: stable for callbacks and effects.
  const { notify, dismiss, holdNotices, setTabSql, addTab, renameTab, openPreviewTab, reopenClosedTab, activateTab, recordHistory, setNativeSettings, recordOpenedFile, forgetOpenedFile, setWorkspaceLocale, switchEngine, switchToNative, setEngineState, setPaneSize } =
    store.getState();
  const notifications = useAppState((s) => s.notifications);
  // Success notices live in the status bar, errors float above it (StatusNotices, ErrorNotifications).
  const notices = useMemo(() => notifications.filter((n) => n.kind === 'info'), [notifications]);
  const errors = useMemo(() => notifications.filter((n) => n.kind === 'error'), [notifications]);
  const workspace = useAppState((s) => s.workspace);
  const history = useAppState((s) => s.history);
  const saveProblem = useAppState((s) => s.saveProblem);
  const engines = useAppState((s) => s.engines);
  const engineState = useAppState((s) => s.engineState);
  useEffect(() => startWorkspaceSync(store), [store]);
  // Re-renders the tree in the new language when the user switches (see i18n/i18n.ts).
  const locale = useLocale();
  // The workspace's language wins over the system's, once the workspace has loaded (not over one
  // asked for on the command line; the language menu still switches, through setWorkspaceLocale).
  const savedLocale = workspace?.locale;
  useEffect(() => setLocale(askedLocale ? undefined : savedLocale), [savedLocale]);
  // Each workspace runs on the engine it chose; the in-app engine until it has loaded.
  const engine: Engine = useAppState(selectEngine);
  const { tables, loadedTables, refreshCatalog, loadDataset, loadDatasets, loadLocalFiles, loadCourseTable, ...loads } = useDatasets(
    engine,
    notify,
    switchToNative,
    useCallback((dataset: Dataset, table: string) => recordOpenedFile(dataset.displayPath, table), [recordOpenedFile]),
    forgetOpenedFile,
  );
  const loadStates = useLoadStates(loads.loadStates);
  const keptTables = useKeptTables(engine, tables, workspace?.openedFiles, notify, loads.adoptKept, loads.keptSource);
  // Read when a notebook lets go of its results: one the user kept meanwhile stays (notebookLoops.ts).
  const notebookResultKept = useCallback((table: string) => keepsTable(store.getState().workspace?.openedFiles, table), [store]);
  const [session, setSession] = useState<Session | null>(null);
  const [browsingFiles, setBrowsingFiles] = useState(false);
  const editor = useRef<SqlEditorHandle>(null);
  const appElement = useRef<HTMLDivElement>(null);
  const workbenchElement = useRef<HTMLElement>(null);
  const notebooks = useNotebooks(
    notify,
    useCallback(() => void refreshCatalog().catch(() => undefined), [refreshCatalog]),
  );
  const openNotebook = notebooks.open;
  const openDroppedNotebook = notebooks.openDropped;
  const recoverNotebooks = notebooks.recover;
  // A course's data files load under the names its exercises use, always the same ones: the native
  // engine outlives a page reload, and a course's table found there again is reused, never named
  // anew (airports_2, airports_3… came back at every reload when names were free ones).
  const lab = useLab(notify, useCourseTableLoader(store, loadCourseTable), openNotebook);
  const labShown = lab.panel === 'instructor' || (lab.panel === 'course' && lab.course !== null);
  const showLab = lab.show;
  const labCourse = lab.course;
  const missingCourseTables = useMissingCourseTables(labCourse?.datasets ?? noDatasets, loadedTables, tables);
  const sqlFiles = useSqlFiles(notify, { enabled: !notebooks.active && !labShown });
  const restoreSqlFiles = sqlFiles.restore;
  const loadCourseTables = lab.loadTables;
  const catalogCourses = useMemo(
    () => (labCourse ? [{ title: labCourse.manifest.title, datasets: labCourse.datasets, onLoad: () => void loadCourseTables() }] : []),
    [labCourse, loadCourseTables],
  );

  const runnerHooks = useMemo(
    () => ({
      onFinished: (entry: HistoryEntry) => recordHistory(entry),
      // The marker goes to the tab the statements came from, even if the user has switched tabs since.
      onError: (tabId: string, offset: number | null, message: string) => {
        if (offset !== null) editor.current?.markError(tabId, { offset, message });
      },
      onCatalogMayHaveChanged: () => void refreshCatalog().catch(() => undefined),
    }),
    [recordHistory, refreshCatalog],
  );
  const { run, cancel, setView } = useQueryRunner(engine, runnerHooks);
  // Each tab shows its own last run; a run in one tab leaves the others' results alone.
  const activeTabId = workspace ? (workspace.activeTabId ?? workspace.tabs[0]?.id ?? '') : '';
  const runState = useAppState((s) => shownResult(s, activeTabId));
  const activeResults = useAppState((s) => s.results[activeTabId]);
  // A run is shown as running only once it has lasted busyDelayMs (useQueryRunner).
  const runShownBusy = useAppState((s) => s.runShownBusy);
  const editorsReady = useEditorsReady();
  const showStatement = useCallback((index: number) => store.getState().showStatement(activeTabId, index), [store, activeTabId]);

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
  }, [engine, notify, refreshCatalog, setEngineState]);

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
        await restoreSqlFiles(loadedSession.sqlFilesAtStart);
        // An engine that failed to start has already said so; there is nothing to load the files into.
        if (!(await engine.ready.then(() => true, () => false))) return;
        // The workspace's files first, under their names; a command-line file among them is then
        // already loaded, and a page reload adds nothing twice.
        await reopenRecordedFiles(recordedFiles ?? [], loadedSession, loadDataset, forgetOpenedFile, (text) => notify('error', text));
        await loadDatasets(loadedSession.openAtStart.flatMap((id) => loadedSession.datasets.filter((d) => d.id === id)), 'commandLine');
      },
      (error: unknown) => notify('error', t('error.host', { message: error instanceof Error ? error.message : String(error) })),
    );
  }, [workspaceLoaded, recordedFiles, engine, loadDataset, loadDatasets, forgetOpenedFile, notify, openNotebook, recoverNotebooks, restoreSqlFiles]);

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
        const chosen = await window.dataLabNative.openFileDialog();
        for (const bundle of chosen.bundles) await lab.open(bundle);
        for (const file of chosen.sqlFiles) await sqlFiles.open(file);
        await loadDatasets(chosen.datasets);
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    } else {
      setBrowsingFiles(true);
    }
  }, [loadDatasets, notify, lab, sqlFiles]);

  // Files chosen together load together: one notice names them all (each failure keeps its own).
  const chooseFiles = useCallback(
    async (paths: readonly string[]) => {
      setBrowsingFiles(false);
      const datasets: Dataset[] = [];
      for (const path of paths) {
        if (isNotebookFileName(path)) await openNotebook(path);
        else if (isBundleFileName(path)) await lab.open(path);
        else if (isSqlFileName(path)) await sqlFiles.open(path);
        else await hostClient.openDataset(path).then((dataset) => void datasets.push(dataset), (error: unknown) => notify('error', error instanceof Error ? error.message : String(error)));
      }
      await loadDatasets(datasets);
    },
    [loadDatasets, notify, openNotebook, lab, sqlFiles],
  );

  const onDrop = useCallback(
    async (event: DragEvent) => {
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      // A dropped .md file is a notebook, in both modes: read from the page, saved with Save as.
      for (const file of files.filter((f) => isNotebookFileName(f.name))) openDroppedNotebook(file.name, new Uint8Array(await file.arrayBuffer()));
      // A dropped .sql file opens in a new editor tab, its text only (Save as gives it a file).
      for (const file of files.filter((f) => isSqlFileName(f.name))) sqlFiles.openDropped(file.name, new Uint8Array(await file.arrayBuffer()));
      files.splice(0, files.length, ...files.filter((f) => !isNotebookFileName(f.name) && !isSqlFileName(f.name)));
      if (files.length === 0) return;
      try {
        for (const file of files.filter((f) => isBundleFileName(f.name))) await lab.openDropped(file);
        files.splice(0, files.length, ...files.filter((f) => !isBundleFileName(f.name)));
        if (window.dataLabNative) {
          await loadDatasets(await window.dataLabNative.openDroppedFiles(files), 'drop');
        } else {
          await loadLocalFiles(files);
        }
      } catch (error) {
        notify('error', error instanceof Error ? error.message : String(error));
      }
    },
    [loadDatasets, loadLocalFiles, notify, lab, openDroppedNotebook, sqlFiles],
  );

  // Read from the store when called, so runFromEditor stays the same function (the memoized editor holds it).
  const runFromEditor = useCallback(
    (all: boolean) => {
      // One run at a time: Ctrl+Enter during a run does nothing, as the disabled Run button says.
      if (store.getState().runningTabId !== null) return;
      const target = editor.current?.runTarget(all);
      if (!target) return;
      editor.current?.markError(target.tabId, null);
      void run(target.tabId, target.statements);
    },
    [run, store],
  );
  const runSelection = useCallback(() => runFromEditor(false), [runFromEditor]);
  // A run's first moments are not shown as busy (useQueryRunner's busyDelayMs): a click on the switch then does nothing.
  const switchEngineWhenIdle = useCallback(() => {
    if (store.getState().runningTabId === null) switchEngine();
  }, [store, switchEngine]);
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
      onClose: closeProfile,
    });
  }, [engine, runState.result, closeProfile]);
  // A profile belongs to the engine it ran on.
  useEffect(() => setProfileTarget(null), [engine]);
  // A result's profile belongs to that result: it goes when another is shown (a run, another tab, a
  // filter), instead of describing rows no longer on screen.
  const shownRelation = runState.result?.relation ?? null;
  useEffect(() => setProfileTarget((target) => (target && target.title === undefined && target.relation !== shownRelation ? null : target)), [shownRelation]);

  // A table opens in the preview tab, which the next table opened replaces (VS Code's preview).
  const queryTable = useCallback(
    (table: CatalogTable) => openPreviewTab(table.name, `SELECT * FROM ${tableRelation(table)} LIMIT 1000;`),
    [openPreviewTab],
  );
  // In the current tab, the entry replaces the tab's text as one edit: Ctrl+Z there brings it back.
  // That tab is shown (a notebook or the Lab in front steps back), so the user sees what changed.
  // Before the editor exists (the first moments of a start) it replaces the tab's text all the same.
  const openHistoryEntry = useCallback(
    (sql: string, target: HistoryTarget) => {
      if (target === 'newTab' || !activeTabId) return addTab(sql);
      activateTab(activeTabId);
      if (editor.current) editor.current.replaceText(sql);
      else setTabSql(activeTabId, sql);
    },
    [activeTabId, activateTab, addTab, setTabSql],
  );
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  const closeShortcuts = useCallback(() => setShortcutsOpen(false), []);
  // Ctrl+Tab: the next query tab, from the last back to the first.
  const moveTab = useCallback(
    (step: 1 | -1) => {
      const tabs = workspace?.tabs ?? [];
      const at = tabs.findIndex((tab) => tab.id === activeTabId);
      const next = tabs[(at + step + tabs.length) % tabs.length];
      if (next) activateTab(next.id);
    },
    [workspace?.tabs, activeTabId, activateTab],
  );
  useWorkbenchShortcuts({ openShortcuts, reopenClosedTab: useCallback(() => reopenClosedTab(), [reopenClosedTab]), moveTab });

  // A query tab selected by any action (its tab, Ctrl+Tab, New tab, the catalog, the history,
  // Ctrl+Shift+T, Undo, a .sql file) is shown: the notebook or the Lab in front steps back, its tab
  // staying in the row. The store counts those selections; followed here, as they happen, so no
  // caller has to remember it.
  const activateNotebook = notebooks.activate;
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.queryTabSelections === previous.queryTabSelections) return;
        activateNotebook(null);
        showLab(null);
      }),
    [store, activateNotebook, showLab],
  );

  // The editor's tab row: query tabs and notebook tabs scroll in its strip, the Lab's are pinned at
  // its end. Exactly one of them is selected: the one whose panel is shown.
  const shownPanel = labShown ? 'lab' : notebooks.active ? 'notebook' : 'query';
  const queryRowTabs = useQueryTabs({
    tabs: workspace?.tabs ?? [],
    activeTabId,
    shown: shownPanel === 'query',
    onActivate: activateTab,
    onClose: sqlFiles.close,
    onRename: renameTab,
    isUnsaved: sqlFiles.isUnsaved,
  });
  const stripTabs = [
    ...queryRowTabs,
    ...notebookTabs({
      notebooks,
      shown: shownPanel === 'notebook',
      onActivate: (key) => {
        showLab(null);
        notebooks.activate(key);
      },
    }),
  ];
  const pinnedTabs = labTabs(lab);
  const closeSelectedTab = [...stripTabs, ...pinnedTabs].find((tab) => tab.selected)?.close?.run;

  // An example on the welcome screen: its sample loaded (once), its SQL in a new tab, run at once.
  const runExample = useCallback(
    async (dataset: Dataset, sql: (table: string) => string) => {
      const table = await loadDataset(dataset);
      if (table === null || store.getState().runningTabId !== null) return;
      const text = sql(table);
      addTab(text);
      const tabId = store.getState().workspace?.activeTabId;
      if (tabId) void run(tabId, splitStatements(text));
    },
    [addTab, loadDataset, run, store],
  );

  const samples = useMemo(() => session?.datasets.filter((d) => d.origin === 'sample') ?? [], [session]);

  if (!workspace) return <div className="app-loading">{t('app.loading')}</div>;

  return (
    <ExportEngine value={engine}>
    <div
      className="app"
      ref={appElement}
      style={{ '--dl-sidebar-size': `${workspace.layout?.sidebar ?? defaultSidebarPercent}%`, '--dl-editor-size': `${workspace.layout?.editor ?? defaultEditorPercent}%` } as CSSProperties}
      onDragOver={(event) => event.preventDefault()} onDrop={(event) => void onDrop(event)}>
      <aside className="sidebar">
        <CatalogPanel
          samples={samples}
          tables={tables}
          onLoadSample={loadSample}
          onQueryTable={queryTable}
          onOpenFile={openFileFromCatalog}
          onProfileTable={profileTable}
          courses={catalogCourses}
          keeping={keptTables.keeping}
        />
        <TableKeepingList tables={tables} keeping={keptTables.keeping} busy={keptTables.busy} onKeep={keptTables.keep} onForget={keptTables.forget} />
        <DatasetLoads
          states={loadStates}
          engineKind={engine.kind}
          onCancel={loads.cancelLoad}
          onRetry={loads.retryLoad}
          onOpenOnNative={loads.openOnNative}
          onRemove={loads.removeLoad}
        />
        <HistoryPanel history={history} onOpen={openHistoryEntry} />
        <Splitter
          label={t('layout.sidebarSplitter')}
          orientation="vertical"
          value={workspace.layout?.sidebar ?? defaultSidebarPercent}
          min={12}
          max={50}
          container={() => appElement.current}
          onChange={(percent) => setPaneSize('sidebar', percent)}
        />
      </aside>
      <main ref={workbenchElement} className={`workbench${profileTarget ? ' workbench--profiling' : ''}${shownPanel === 'notebook' ? ' workbench--notebook' : ''}${shownPanel === 'lab' ? ' workbench--lab' : ''}`}>
        <h1 className="visually-hidden">{t('app.title')}</h1>
        <div className="editor-area">
          <EditorToolbar
            label={t('editor.tabs')}
            tabs={stripTabs}
            pinned={pinnedTabs}
            tabActions={
              <>
                <button type="button" className="tab-add" aria-label={t('editor.newTab')} title={t('editor.newTab')} onClick={addEmptyTab}>
                  +
                </button>
                {/* Closes the selected tab, whatever it shows; the Lab's tabs do not close. */}
                <button type="button" className="tab-add" aria-label={t('editor.closeActiveTab')} title={t('editor.closeActiveTab')} disabled={!closeSelectedTab} onClick={closeSelectedTab}>
                  −
                </button>
                <NotebookActions notebooks={notebooks} onShown={() => showLab(null)} />
              </>
            }
          >
            <div className="editor-actions">
              <button type="button" className="primary" onClick={runSelection} disabled={runShownBusy || !editorsReady} title={t('editor.runHint')}>
                {t('editor.run')}
              </button>
              <button type="button" onClick={runAll} disabled={runShownBusy || !editorsReady}>
                {t('editor.runAll')}
              </button>
              <button type="button" onClick={() => void cancel()} disabled={!runShownBusy}>
                {t('editor.cancel')}
              </button>
              <button type="button" aria-label={t('editor.format')} title={t('editor.format')} onClick={() => editor.current?.format()} disabled={!editorsReady}>
                <ToolbarLabel icon="format" text={t('editor.format')} />
              </button>
              <SqlFileMenu files={sqlFiles} tabId={activeTabId} />
            </div>
          </EditorToolbar>
          {/* Every query tab shows this panel: one editor, with each tab's text. */}
          <div
            id={sqlEditorPanelId}
            role="tabpanel"
            className="sql-editor-panel"
            aria-labelledby={shownPanel === 'query' ? rowTabId(queryTabKey(activeTabId)) : undefined}
          >
            <SqlEditor
              ref={editor}
              tabs={workspace.tabs}
              activeTabId={activeTabId}
              ariaLabel={t('editor.label')}
              onChange={setTabSql}
              onRun={runFromEditor}
            />
          </div>
          <Splitter
            label={t('layout.editorSplitter')}
            orientation="horizontal"
            value={workspace.layout?.editor ?? defaultEditorPercent}
            min={15}
            max={85}
            container={() => workbenchElement.current}
            onChange={(percent) => setPaneSize('editor', percent)}
          />
        </div>
        {shownPanel === 'lab' ? (
          lab.panel === 'instructor' ? <InstructorView notify={notify} /> : (
            <LabView
              key={lab.course!.key}
              lab={lab}
              engine={engine}
              missingTables={missingCourseTables}
              notify={notify}
              onOpenNotebook={(path) => void openNotebook(path).then((opened) => opened && showLab(null))}
            />
          )
        ) : shownPanel === 'notebook' && notebooks.active ? (
          <NotebookView key={notebooks.active.key} doc={notebooks.active} engine={engine} notebooks={notebooks} isKeptTable={notebookResultKept} onCopied={(message) => notify('info', message ?? t('results.copied'))} onProfile={(target) => setProfileTarget({ engine, ...target, onClose: closeProfile })} />
        ) : <ResultsPanel
          state={runState}
          onView={(view) => void setView(activeTabId, activeResults?.shown ?? 0, view)}
          statementTabs={activeResults && activeResults.statements.length > 1 ? <StatementTabs results={activeResults} onShow={showStatement} /> : null}
          onProfile={profileResult}
          onCopied={(message) => notify('info', message ?? t('results.copied'))}
          onSwitchToNative={switchToNative}
          placeholder={tables.length === 0 ? <WelcomePanel samples={samples} onOpenFile={openFileFromCatalog} onLoadSample={loadSample} onRunExample={(dataset, sql) => void runExample(dataset, sql)} /> : undefined}
          engineSpills={engine.kind === 'native'}
        />}
        {profileTarget ? <ColumnProfilePanel key={`${profileTarget.relation}`} {...profileTarget} /> : null}
      </main>
      <StatusBar
        engineLabel={engine.labelKey}
        otherEngineLabel={engines.get(otherEngineKind(engine.kind)).labelKey}
        engineState={engineState}
        onSwitchEngine={runShownBusy ? undefined : switchEngineWhenIdle}
        onOpenSettings={engine.kind === 'native' ? openNativeSettings : undefined}
        locale={locale}
        onChangeLocale={setWorkspaceLocale}
        onShowShortcuts={openShortcuts}
        notices={<StatusNotices notices={notices} onDismiss={dismiss} onHold={holdNotices} />}
      />
      <ShortcutsDialog open={shortcutsOpen} onClose={closeShortcuts} />
      <NativeSettingsDialog open={settingsOpen} settings={currentNativeSettings} onSave={saveNativeSettings} onClose={() => setSettingsOpen(false)} />
      <ErrorNotifications errors={errors} onDismiss={dismiss} saveProblem={saveProblem} />
      <FileBrowserDialog open={browsingFiles} onClose={() => setBrowsingFiles(false)} onChoose={(paths) => void chooseFiles(paths)} />
    </div>
    </ExportEngine>
  );
}
