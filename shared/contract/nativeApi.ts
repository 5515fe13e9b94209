import type { Dataset } from './hostApi';

/**
 * What the Electron preload exposes as `window.dataLabNative`: only what needs native UI,
 * one method per call. Absent in browser mode, where the host's file browser is used instead.
 */
export interface NativeApi {
  /**
   * Shows the native open dialog; the chosen data files are opened by the main side, and the
   * chosen Lab bundles (real paths) are left for the page to open (it asks about an unverified source).
   */
  openFileDialog(): Promise<FilesFromDialog>;
  /** Opens files dropped on the window (the preload turns each File into its path). */
  openDroppedFiles(files: readonly File[]): Promise<Dataset[]>;
  /** Shows the native save dialog; the chosen path (which exports may then write) or null when cancelled. */
  saveFileDialog(defaultName: string): Promise<string | null>;
}

export interface FilesFromDialog {
  datasets: Dataset[];
  bundles: string[];
  /** Chosen `.sql` files (real paths): the page opens each in an editor tab. */
  sqlFiles: string[];
}

/** IPC channel names between preload and main, one per native call. */
export const nativeChannels = {
  openFileDialog: 'datalab:open-file-dialog',
  openDroppedFiles: 'datalab:open-dropped-files',
  saveFileDialog: 'datalab:save-file-dialog',
} as const;
