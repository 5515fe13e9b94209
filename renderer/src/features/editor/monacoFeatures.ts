/**
 * The Monaco editor features Data Lab uses, registered one by one instead of
 * `monaco-editor/features/register.all`. That file registers every contribution Monaco has
 * (inline completions, code lenses, colour pickers, the diff editor, sticky scroll, rename,
 * go-to-symbol, GPU rendering…), which a SQL box never uses and which every start paid for in
 * download, parse and run time (docs/performance.md, "Start-up").
 *
 * Kept: what a SQL editor's user reaches for, by keyboard as much as by mouse.
 */
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
// Editing and moving around.
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/caretOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/dnd/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/wordPartOperations/register';
// Find and replace, the command palette (F1) and go to line (Ctrl+G).
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/gotoLine/register';
// Completion (tables, columns, functions), its snippets, and hovers over error marks.
// The suggest widget itself: features/suggest/register would add inline completions (240 KB) too.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
// Accessibility: Ctrl+M toggles whether Tab moves focus out of the editor; read-only notices.
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/unusualLineTerminators/register';
