import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Dataset, type DatasetOrigin } from '../../../shared/contract/hostApi';
import { formatForFileName } from '../../../shared/contract/fileFormats';
import { HostFailure, fileFailure } from '../hostFailure';

/** A dataset the host serves, with the real path the renderer never sees. */
export interface OpenDataset {
  readonly dataset: Dataset;
  readonly realPath: string;
}

const SampleCatalog = z.object({
  datasets: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      description: z.string(),
      license: z.string(),
      source: z.string().optional(),
      translations: Dataset.shape.translations,
    }),
  ),
});

type OpenedListener = (dataset: Dataset) => void;

/** The files the host has agreed to serve: the shipped samples and the files the user opened. */
export class DatasetRegistry {
  private readonly byId = new Map<string, OpenDataset>();
  private readonly byPath = new Map<string, OpenDataset>();
  private readonly listeners = new Set<OpenedListener>();

  /** Registers the samples listed in `datasets/catalog.json`; a missing catalog means no samples. */
  async addSamples(datasetsDir: string): Promise<void> {
    let raw: string;
    try {
      raw = await readFile(path.join(datasetsDir, 'catalog.json'), 'utf8');
    } catch {
      return;
    }
    const catalog = SampleCatalog.parse(JSON.parse(raw));
    for (const entry of catalog.datasets) {
      await this.register(path.join(datasetsDir, entry.file), 'sample', {
        title: entry.title,
        description: entry.description,
        license: entry.license,
        ...(entry.translations ? { translations: entry.translations } : {}),
      });
    }
  }

  /**
   * Opens a file the user chose; opening the same file twice gives the same dataset. `announce`
   * tells the open windows (a file opened from outside them: a second launch with file names); a
   * window that asked for the file itself loads it from the answer.
   */
  async open(filePath: string, options: { announce?: boolean } = {}): Promise<Dataset> {
    const opened = await this.register(filePath, 'opened', {});
    if (options.announce) for (const listener of this.listeners) listener(opened.dataset);
    return opened.dataset;
  }

  list(): Dataset[] {
    return [...this.byId.values()].map((entry) => entry.dataset);
  }

  get(id: string): OpenDataset {
    const entry = this.byId.get(id);
    if (!entry) throw new HostFailure(404, 'error.unknownDataset');
    return entry;
  }

  onOpened(listener: OpenedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async register(
    filePath: string,
    origin: DatasetOrigin,
    about: Pick<Dataset, 'title' | 'description' | 'license' | 'translations'>,
  ): Promise<OpenDataset> {
    const fileName = path.basename(filePath);
    const format = formatForFileName(fileName);
    if (!format) throw new HostFailure(422, 'error.fileUnsupported', { file: fileName });
    let real: string;
    let size: number;
    try {
      real = await realpath(filePath);
      const info = await stat(real);
      if (info.isDirectory()) throw new HostFailure(422, 'error.fileIsDirectory', { file: fileName });
      if (!info.isFile()) throw new HostFailure(422, 'error.fileUnsupported', { file: fileName });
      await access(real, constants.R_OK);
      size = info.size;
    } catch (error) {
      throw error instanceof HostFailure ? error : fileFailure(error, fileName);
    }
    if (size === 0) throw new HostFailure(422, 'error.fileEmpty', { file: fileName });

    const existing = this.byPath.get(real);
    if (existing) return existing;
    const dataset: Dataset = {
      id: randomUUID(),
      fileName,
      displayPath: real,
      format,
      sizeBytes: size,
      origin,
      ...about,
    };
    const entry: OpenDataset = { dataset, realPath: real };
    this.byId.set(dataset.id, entry);
    this.byPath.set(real, entry);
    return entry;
  }
}
