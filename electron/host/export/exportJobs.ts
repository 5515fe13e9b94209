import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { exportExtensions, isPageMadeFormat, type FileFormat, type ExportJobStatus, type StartExportBody } from '../../../shared/contract/exportApi';
import { HostFailure } from '../hostFailure';
import type { NativeSession } from '../native/nativeSession';
import type { ExportDestinations } from './exportDestinations';
import { placeFile } from './placeFile';
import type { StagedUploads } from './stagedUploads';

/** How often a running export is asked how far it has got. */
const progressPollMs = 200;
/** A finished job's status stays readable this long. */
const keepFinishedMs = 5 * 60_000;

type StartRequest = z.output<typeof StartExportBody>;
type Source = { kind: 'relation'; relation: string } | { kind: 'staged'; contains: 'file' | 'arrow'; file: string };

interface Job {
  status: ExportJobStatus;
  abort: AbortController;
}

/**
 * Exports as jobs. The rows are written by native DuckDB into a folder of the job's own inside
 * the staging folder (the only place the locked-down engine may write), then the host moves the
 * finished file to the user's destination. A failure or a cancel removes every partial file.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly native: NativeSession,
    private readonly destinations: ExportDestinations,
    private readonly uploads: StagedUploads,
    private readonly paths: { stagingDir: string; spillDir: string },
  ) {}

  async start(request: StartRequest): Promise<ExportJobStatus> {
    const destination = await this.destinations.check(request.destination, request.format);
    if (destination.exists && !request.overwrite) {
      if (request.source.kind === 'staged') await this.uploads.discard(request.source.stagedId);
      throw new HostFailure(409, 'export.errorExists', { file: path.basename(destination.path) });
    }
    const source: Source =
      request.source.kind === 'staged'
        ? { kind: 'staged', contains: request.source.contains, file: this.uploads.take(request.source.stagedId) }
        : request.source;
    const job: Job = {
      status: { id: randomUUID(), state: 'running', phase: 'writing', fraction: null, rowCount: null, error: null, destination: destination.path },
      abort: new AbortController(),
    };
    this.jobs.set(job.status.id, job);
    void this.run(job, source, request.format, request.overwrite);
    return { ...job.status };
  }

  status(id: string): ExportJobStatus {
    return { ...this.get(id).status };
  }

  /** Stops a job; its status turns `canceled` once every partial file is removed. */
  async cancel(id: string): Promise<ExportJobStatus> {
    const job = this.get(id);
    if (job.status.state === 'running' && !job.abort.signal.aborted) {
      job.abort.abort();
      if (job.status.phase === 'writing') await this.native.exportCancel(id).catch(() => undefined);
    }
    return { ...job.status };
  }

  private get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new HostFailure(404, 'export.errorNoJob');
    return job;
  }

  private async run(job: Job, source: Source, format: FileFormat, overwrite: boolean): Promise<void> {
    const { status } = job;
    const folder = path.join(this.paths.stagingDir, status.id);
    const poll = setInterval(() => {
      void this.native.exportProgress(status.id).then(
        (fraction) => {
          if (status.phase === 'writing' && fraction !== null) status.fraction = fraction;
        },
        () => undefined,
      );
    }, progressPollMs);
    let outcome: Pick<ExportJobStatus, 'state' | 'error' | 'errorKey' | 'errorParams'>;
    try {
      let staged: string;
      if (source.kind === 'staged' && source.contains === 'file') {
        staged = source.file;
      } else if (isPageMadeFormat(format)) {
        // A chart's image or a notebook's report is made by the page and arrives as a file; DuckDB writes neither.
        throw new HostFailure(400, 'error.invalidRequest', { message: 'an image export needs a staged file' });
      } else {
        await mkdir(folder, { recursive: true });
        staged = path.join(folder, `export.${exportExtensions[format]}`);
        const { rowCount } = await this.native.exportTo({
          exportId: status.id,
          relation: source.kind === 'relation' ? source.relation : 'data',
          format,
          target: staged,
          upload:
            source.kind === 'staged'
              ? { file: source.file, spillDir: this.paths.spillDir, settings: this.native.currentSettings }
              : null,
        });
        status.rowCount = rowCount;
      }
      clearInterval(poll);
      job.abort.signal.throwIfAborted();
      status.phase = 'moving';
      status.fraction = 0;
      await placeFile(staged, status.destination, {
        overwrite,
        signal: job.abort.signal,
        onProgress: (fraction) => (status.fraction = fraction),
      });
      outcome = { state: 'done', error: null };
    } catch (error) {
      outcome = job.abort.signal.aborted
        ? { state: 'canceled', error: null }
        : {
            state: 'failed',
            error: error instanceof Error ? error.message : String(error),
            ...(error instanceof HostFailure ? { errorKey: error.code, errorParams: error.params } : {}),
          };
    }
    // The job ends only once its partial files are gone.
    clearInterval(poll);
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    if (source.kind === 'staged') {
      await rm(source.file, { force: true }).catch(() => undefined);
    }
    Object.assign(status, outcome);
    setTimeout(() => this.jobs.delete(status.id), keepFinishedMs).unref();
  }
}
