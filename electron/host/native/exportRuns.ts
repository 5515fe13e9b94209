/**
 * Exports running in the native process, by id: the host asks how far one has got, or stops it,
 * without waiting behind the statement queue. An export cancelled before it starts never starts.
 */
import { HostFailure } from '../hostFailure';

export interface ExportRun {
  /** 0..1, or null when DuckDB cannot tell yet. */
  progress(): number | null;
  cancel(): void;
}

export class ExportCanceled extends HostFailure {
  constructor() {
    super(409, 'export.canceled');
    this.name = 'ExportCanceled';
  }
}

export class ExportRuns {
  private readonly runs = new Map<string, ExportRun>();
  private readonly canceledEarly = new Set<string>();

  async track<T>(exportId: string, run: ExportRun, work: () => Promise<T>): Promise<T> {
    if (this.canceledEarly.delete(exportId)) throw new ExportCanceled();
    this.runs.set(exportId, run);
    try {
      return await work();
    } finally {
      this.runs.delete(exportId);
    }
  }

  progress(exportId: string): number | null {
    return this.runs.get(exportId)?.progress() ?? null;
  }

  cancel(exportId: string): void {
    const run = this.runs.get(exportId);
    if (run) run.cancel();
    else this.canceledEarly.add(exportId);
  }
}
