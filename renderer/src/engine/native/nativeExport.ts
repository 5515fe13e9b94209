import { runExportJob, type ExportProgress, type ExportRequest } from '../exportJob';

/** The native engine's rows are on the main side already: the host's job reads the relation there. */
export function exportOnNative(
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ rowCount: number | null }> {
  return runExportJob({ kind: 'relation', relation: request.relation }, request, onProgress, signal);
}
