import { forwardRef, memo, useEffect, useId, useImperativeHandle, useRef } from 'react';
import { splitStatements, statementAt, type ScriptStatement } from '../../../../shared/sql/statements';
import type { EditorTab } from '../../../../shared/contract/hostApi';
import { monaco, sqlLanguageId } from './monacoSetup';
import { sqlEditorOptions } from './sqlEditorOptions';
import { t } from '../../i18n/i18n';

/** What Run means at this moment: the statements to run and where each stands in the tab's text. */
export interface RunTarget {
  tabId: string;
  statements: ScriptStatement[];
}

export interface SqlEditorHandle {
  /** The selection, or the statement under the cursor; with `all`, every statement of the tab. */
  runTarget(all: boolean): RunTarget | null;
  /** Marks an error at an offset of a tab's text (null clears the marks). */
  markError(tabId: string, error: { offset: number; message: string } | null): void;
  format(): void;
  insertText(text: string): void;
  /** Replaces the active tab's text as one edit (Ctrl+Z brings the old text back). */
  replaceText(text: string): void;
  focus(): void;
}

export interface SqlEditorProps {
  tabs: readonly EditorTab[];
  activeTabId: string;
  ariaLabel: string;
  onChange(tabId: string, sql: string): void;
  onRun(all: boolean): void;
}

const modelUri = (tabId: string): monaco.Uri => monaco.Uri.parse(`inmemory://tabs/${encodeURIComponent(tabId)}.sql`);

/** The SQL editor: one Monaco editor, one text model per tab (so undo history stays per tab). */
// Memoized: the editor re-renders when its tabs change, not with every state change of the app.
export const SqlEditor = memo(forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const latest = useRef(props);
  latest.current = props;
  const descriptionId = useId();

  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      ariaLabel: props.ariaLabel,
      language: sqlLanguageId,
      ...sqlEditorOptions,
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun(false));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => latest.current.onRun(true));
    // Tab indents, as in every code editor; Ctrl+M (Monaco's toggleTabFocusMode) makes it move
    // focus instead, and the editor's description says so (see below).
    editor.updateOptions({ tabFocusMode: false });
    // Monaco names its input (ariaLabel) but has no option for a description: the way out of the
    // editor is described on the input itself, which Monaco makes with its view (with a model).
    const container = host.current;
    const describeInput = (): void => {
      for (const input of container.querySelectorAll('[role="textbox"]')) input.setAttribute('aria-describedby', descriptionId);
    };
    describeInput();
    editor.onDidChangeModel(describeInput);
    editor.onDidFocusEditorText(describeInput);
    return () => {
      editor.dispose();
      for (const model of monaco.editor.getModels()) model.dispose();
      editorRef.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // One model per tab; models of closed tabs are disposed.
  useEffect(() => {
    const open = new Set(props.tabs.map((tab) => modelUri(tab.id).toString()));
    for (const tab of props.tabs) {
      const uri = modelUri(tab.id);
      if (!monaco.editor.getModel(uri)) {
        const model = monaco.editor.createModel(tab.sql, sqlLanguageId, uri);
        model.onDidChangeContent(() => latest.current.onChange(tab.id, model.getValue()));
      }
    }
    for (const model of monaco.editor.getModels()) {
      if (model.uri.scheme === 'inmemory' && !open.has(model.uri.toString())) model.dispose();
    }
  }, [props.tabs]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = monaco.editor.getModel(modelUri(props.activeTabId));
    if (!editor || !model || editor.getModel() === model) return;
    const previous = editor.getModel();
    if (previous) viewStates.current.set(previous.uri.toString(), editor.saveViewState());
    editor.setModel(model);
    const state = viewStates.current.get(model.uri.toString());
    if (state) editor.restoreViewState(state);
  }, [props.activeTabId, props.tabs]);

  useImperativeHandle(ref, () => ({
    runTarget(all) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return null;
      const text = model.getValue();
      const tabId = latest.current.activeTabId;
      if (all) return { tabId, statements: splitStatements(text) };
      const selection = editor.getSelection();
      if (selection && !selection.isEmpty()) {
        const start = model.getOffsetAt(selection.getStartPosition());
        const selected = model.getValueInRange(selection);
        return { tabId, statements: splitStatements(selected).map((s) => ({ ...s, start: s.start + start, end: s.end + start })) };
      }
      const offset = model.getOffsetAt(editor.getPosition() ?? new monaco.Position(1, 1));
      const statement = statementAt(text, offset);
      return { tabId, statements: statement ? [statement] : [] };
    },
    markError(tabId, error) {
      const model = monaco.editor.getModel(modelUri(tabId));
      if (!model) return;
      if (!error) {
        monaco.editor.setModelMarkers(model, 'duckdb', []);
        return;
      }
      const at = model.getPositionAt(error.offset);
      const word = model.getWordAtPosition(at);
      monaco.editor.setModelMarkers(model, 'duckdb', [
        {
          severity: monaco.MarkerSeverity.Error,
          message: error.message,
          startLineNumber: at.lineNumber,
          startColumn: word?.startColumn ?? at.column,
          endLineNumber: at.lineNumber,
          endColumn: word?.endColumn ?? at.column + 1,
        },
      ]);
      editorRef.current?.revealPositionInCenterIfOutsideViewport(at);
    },
    format() {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      const text = model.getValue();
      // The formatter (250 KB) is loaded on first use, not with the page.
      void import('sql-formatter').then(({ format: formatSql }) => {
        // The user may have typed or switched tabs while it loaded: format only the text asked for.
        if (editor.getModel() !== model || model.getValue() !== text) return;
        let formatted: string;
        try {
          formatted = formatSql(text, { language: 'duckdb', keywordCase: 'upper', tabWidth: 2 });
        } catch {
          return; // Text the formatter cannot parse is left as the user wrote it.
        }
        editor.pushUndoStop();
        editor.executeEdits('format', [{ range: model.getFullModelRange(), text: formatted }]);
        editor.pushUndoStop();
      });
    },
    insertText(text) {
      const editor = editorRef.current;
      if (!editor) return;
      const selection = editor.getSelection() ?? new monaco.Selection(1, 1, 1, 1);
      editor.executeEdits('insert', [{ range: selection, text, forceMoveMarkers: true }]);
      editor.focus();
    },
    replaceText(text) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      editor.pushUndoStop();
      editor.executeEdits('replace', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    focus() {
      editorRef.current?.focus();
    },
  }));

  // The label follows the language when the user switches it.
  useEffect(() => editorRef.current?.updateOptions({ ariaLabel: props.ariaLabel }), [props.ariaLabel]);

  // SQL reads left to right whatever the page's direction.
  return (
    <>
      <div className="sql-editor" dir="ltr" ref={host} />
      <p id={descriptionId} className="visually-hidden">
        {t('editor.description')}
      </p>
    </>
  );
}));
