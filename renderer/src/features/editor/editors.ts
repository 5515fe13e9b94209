/** The editors built on Monaco: the one chunk lazyEditors.tsx loads. */
export { SqlEditor } from './SqlEditor';
export { SqlCellEditor } from '../notebook/SqlCellEditor';
