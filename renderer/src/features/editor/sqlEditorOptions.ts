/**
 * The Monaco options every SQL editor of the app shares: the query editor and each notebook SQL
 * cell. One definition, so a fix (a font, an accessibility setting) reaches both.
 */
import type { monaco } from './monacoSetup';

export const sqlEditorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 14,
  // Monospace first, then the app's Arabic face, so Arabic literals and column names render.
  fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Arabic', monospace",
  scrollBeyondLastLine: false,
  wordBasedSuggestions: 'off',
  tabSize: 2,
  fixedOverflowWidgets: true,
  accessibilitySupport: 'auto',
  // No translate3d layer hints: with them every frame of the page (a click on Run, a result
  // painted) re-layerizes the editor, several milliseconds of main thread on a small machine.
  disableLayerHinting: true,
};
