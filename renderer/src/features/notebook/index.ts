/** The notebook feature: open notebooks (state), their tabs, and the notebook view. */
import './notebook.css';

export { useNotebooks, type NotebooksState } from './useNotebooks';
export { notebookTabs, NotebookActions, notebookPanelId } from './notebookTabs';
export { NotebookView } from './NotebookView';
export { isNotebookFileName } from '../../../../shared/contract/notebookApi';
