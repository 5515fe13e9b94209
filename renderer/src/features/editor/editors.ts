/**
 * The editors built on Monaco: the one chunk lazyEditors.tsx loads. Its file name is the chunk's
 * name, which electron.vite.config.ts preloads by name (a rename fails the build).
 */
export { SqlEditor } from './SqlEditor';
export { SqlCellEditor } from './SqlCellEditor';
