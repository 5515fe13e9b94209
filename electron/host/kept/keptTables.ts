import { randomUUID } from 'node:crypto';
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../../../shared/contract/hostApi';
import { keptTableFileName } from '../../../shared/contract/keptTablesApi';
import { HostFailure } from '../hostFailure';
import type { DatasetRegistry } from '../datasets/datasetRegistry';
import type { NativeSession } from '../native/nativeSession';
import type { StagedUploads } from '../export/stagedUploads';
import { placeFile } from '../export/placeFile';

/**
 * Tables the user kept from the in-app engine, as Parquet files in one folder of the data folder
 * (see shared/contract/keptTablesApi.ts). Only this class writes there, and only under names it
 * makes itself: the page names a table, never a path. Native DuckDB writes the file in the export
 * staging folder (the only place it may write); it is then moved in under a temporary name and
 * renamed, so the folder only ever holds complete files, and keeping a table again replaces its
 * file in one step.
 */
export class KeptTables {
  constructor(
    private readonly native: NativeSession,
    private readonly uploads: StagedUploads,
    private readonly datasets: DatasetRegistry,
    private readonly paths: { keptDir: string; stagingDir: string; spillDir: string },
  ) {}

  /** Registers every kept table's file, so that the page finds them in the session after a restart. */
  async restore(): Promise<void> {
    const names = await readdir(this.paths.keptDir).catch(() => [] as string[]);
    for (const name of names) {
      // A hidden name is a file being moved in (a crash left it): never a kept table.
      if (name.startsWith('.') || !name.endsWith('.parquet')) continue;
      await this.datasets.open(path.join(this.paths.keptDir, name)).catch(() => undefined);
    }
  }

  /** Writes the uploaded Arrow rows of `table` as its kept file; the file's dataset, to load it from. */
  async keep(table: string, stagedId: string): Promise<Dataset> {
    const staged = this.uploads.take(stagedId);
    const id = randomUUID();
    const folder = path.join(this.paths.stagingDir, id);
    try {
      await mkdir(folder, { recursive: true });
      await mkdir(this.paths.keptDir, { recursive: true });
      const written = path.join(folder, 'kept.parquet');
      await this.native.exportTo({
        exportId: id,
        relation: 'data',
        format: 'parquet',
        target: written,
        upload: { file: staged, spillDir: this.paths.spillDir, settings: this.native.currentSettings },
      });
      const target = path.join(this.paths.keptDir, keptTableFileName(table));
      await placeFile(written, target, { overwrite: true, signal: new AbortController().signal, onProgress: () => undefined });
      // Written again: the dataset is registered afresh, with the new file's size.
      const real = await realpath(target);
      for (const dataset of this.datasets.list()) if (dataset.displayPath === real) this.datasets.remove(dataset.id);
      return await this.datasets.open(target);
    } finally {
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      await rm(staged, { force: true }).catch(() => undefined);
      await rm(`${staged}.wal`, { force: true }).catch(() => undefined);
    }
  }

  /** Deletes a kept table's file; only a file of the kept folder can be named. */
  async forget(datasetId: string): Promise<void> {
    const entry = this.datasets.get(datasetId);
    const folder = await realpath(this.paths.keptDir).catch(() => path.resolve(this.paths.keptDir));
    if (path.dirname(entry.realPath) !== folder) throw new HostFailure(403, 'kept.errorNotKept', { file: entry.dataset.fileName });
    await rm(entry.realPath, { force: true });
    this.datasets.remove(datasetId);
  }
}
