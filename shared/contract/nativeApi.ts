import type { Dataset } from './hostApi';

/**
 * What the Electron preload exposes as `window.dataLabNative`: only what needs native UI,
 * one method per call. Absent in browser mode, where the host's file browser is used instead.
 */
export interface NativeApi {
  /** Shows the native open dialog; the chosen files are opened by the main side. */
  openFileDialog(): Promise<Dataset[]>;
  /** Opens files dropped on the window (the preload turns each File into its path). */
  openDroppedFiles(files: readonly File[]): Promise<Dataset[]>;
  /** Shows the native save dialog; the chosen path (which exports may then write) or null when cancelled. */
  saveFileDialog(defaultName: string): Promise<string | null>;
}

/** IPC channel names between preload and main, one per native call. */
export const nativeChannels = {
  openFileDialog: 'datalab:open-file-dialog',
  openDroppedFiles: 'datalab:open-dropped-files',
  saveFileDialog: 'datalab:save-file-dialog',
} as const;
