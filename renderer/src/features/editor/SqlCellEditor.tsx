import { useEffect, useRef } from 'react';
import type { EditorTable } from './editorTable';
import { monaco, setModelTables, sqlLanguageId } from './monacoSetup';
import { sqlEditorOptions } from './sqlEditorOptions';

export interface SqlCellEditorProps {
  cellId: string;
  text: string;
  ariaLabel: string;
  onChange(text: string): void;
  /** Shift+Enter: run the cell and move on. */
  onRunAndAdvance(): void;
  /** The notebook's other named results, offered by completion as tables. */
  namedResults(): EditorTable[];
}

/**
 * One SQL cell's Monaco editor, with the query editor's language and completion. Its model has a
 * scheme of its own: the query editor disposes the `inmemory` models it does not know.
 */
export function SqlCellEditor({ cellId, text, ariaLabel, onChange, onRunAndAdvance, namedResults }: SqlCellEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef({ onChange, onRunAndAdvance, namedResults });
  latest.current = { onChange, onRunAndAdvance, namedResults };
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.from({ scheme: 'notebook-cell', path: `/${cellId}` });
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, sqlLanguageId, uri);
    const forgetTables = setModelTables(uri, () => latest.current.namedResults());
    const editor = monaco.editor.create(host.current, {
      model,
      ariaLabel,
      ...sqlEditorOptions,
      lineNumbers: 'off',
      scrollbar: { alwaysConsumeMouseWheel: false },
    });
    editorRef.current = editor;
    const resize = (): void => {
      const height = Math.min(400, Math.max(60, editor.getContentHeight()));
      if (host.current) host.current.style.blockSize = `${height}px`;
    };
    resize();
    const sizeListener = editor.onDidContentSizeChange(resize);
    const changeListener = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => latest.current.onRunAndAdvance());
    return () => {
      forgetTables();
      sizeListener.dispose();
      changeListener.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor is made once per cell; later text comes from the user typing in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cellId]);

  return <div ref={host} className="notebook-sql-editor" dir="ltr" data-cell-editor={cellId} />;
}
