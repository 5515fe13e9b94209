/**
 * What exporting asks of an engine, and how both engines follow the host's export job: polling
 * its progress, and cancelling it when the caller's signal aborts.
 */
import type { ExportFormat, ExportJobStatus, ExportSource, FileFormat } from '../../../shared/contract/exportApi';
import { hostClient } from '../host/hostClient';
import { isMessageKey } from '../../../shared/i18n/translate';
import { t } from '../i18n/i18n';

export interface ExportRequest {
  /** The rows: a result's relation or a quoted table name (SQL FROM takes either). */
  relation: string;
  format: ExportFormat;
  /** The file to write, as the save dialog or the host's file browser gave it. */
  destination: string;
  /** The user agreed to replace an existing file. */
  overwrite: boolean;
}

/** Preparing: the engine gathers the rows; writing and moving: the main side makes the file. */
export interface ExportProgress {
  phase: 'preparing' | 'writing' | 'moving';
  fraction: number | null;
}

/** What an export did: the rows written, and the columns that could not keep their types (in-app Parquet and JSON). */
export interface ExportResult {
  rowCount: number | null;
  retyped?: { columns: string; count: number };
}

/** A job the host ended as failed, with its message key and parameters when the host explained it. */
export class ExportJobError extends Error {
  constructor(
    message: string,
    readonly key: string | undefined,
    readonly params: ExportJobStatus['errorParams'],
  ) {
    super(message);
    this.name = 'ExportJobError';
  }
}

export class ExportCanceledError extends Error {
  constructor() {
    super('canceled');
    this.name = 'ExportCanceledError';
  }
}

const pollMs = 200;

/** Starts the host's job and waits for it; rejects with the job's error, or ExportCanceledError. */
export async function runExportJob(
  source: ExportSource,
  /** A data export, or a chart's image (a staged file, any `FileFormat`). */
  request: Omit<ExportRequest, 'format'> & { format: FileFormat },
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ rowCount: number | null }> {
  if (signal.aborted) throw new ExportCanceledError();
  let status: ExportJobStatus = await hostClient.exports.start({
    source,
    format: request.format,
    destination: request.destination,
    overwrite: request.overwrite,
  });
  const cancel = (): void => void hostClient.exports.cancel(status.id).catch(() => undefined);
  signal.addEventListener('abort', cancel);
  try {
    while (status.state === 'running') {
      onProgress({ phase: status.phase, fraction: status.fraction });
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      status = await hostClient.exports.status(status.id);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  if (status.state === 'canceled') throw new ExportCanceledError();
  if (status.state === 'failed') {
    const message = status.errorKey && isMessageKey(status.errorKey) ? t(status.errorKey, status.errorParams) : status.error;
    throw new ExportJobError(message ?? t('export.failed', { message: '' }), status.errorKey, status.errorParams);
  }
  return { rowCount: status.rowCount };
}
