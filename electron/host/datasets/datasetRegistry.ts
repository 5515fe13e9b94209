import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Dataset, type DatasetOrigin } from '../../../shared/contract/hostApi';
import { formatForFileName } from '../../../shared/contract/fileFormats';
import { HostFailure, fileFailure } from '../hostFailure';
import { createTranslator } from '../../../shared/i18n/translate';
import { clipText } from '../../../shared/text/clip';

const t = createTranslator();

/** A dataset the host serves, with the real path the renderer never sees. */
export interface OpenDataset {
  readonly dataset: Dataset;
  readonly realPath: string;
}

const SampleCatalog = z.object({
  datasets: z.array(
    z.object({
      file: z.string().min(1).max(255),
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

  /**
   * Registers the samples listed in `datasets/catalog.json`; a missing catalog means no samples.
   * The catalog is a file in the install folder, so it is not trusted either: a catalog that does
   * not parse is ignored, and an entry that is not a file directly in the samples folder (after
   * links are resolved) is skipped. Returns what was wrong, for the user; the app starts anyway.
   */
  async addSamples(datasetsDir: string): Promise<{ file: string; message: string }[]> {
    const catalogFile = path.join(datasetsDir, 'catalog.json');
    let raw: string;
    try {
      raw = await readFile(catalogFile, 'utf8');
    } catch {
      return [];
    }
    let catalog: z.infer<typeof SampleCatalog>;
    try {
      catalog = SampleCatalog.parse(JSON.parse(raw));
    } catch (error) {
      const reason = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : String(error);
      return [{ file: catalogFile, message: t('samples.catalogUnreadable', { file: catalogFile, message: clipText(reason, 300) }) }];
    }
    const problems: { file: string; message: string }[] = [];
    const realDir = await realpath(datasetsDir);
    for (const entry of catalog.datasets) {
      const candidate = path.join(datasetsDir, entry.file);
      const real = await realpath(candidate).catch(() => null);
      if (entry.file !== path.basename(entry.file) || real === null || path.dirname(real) !== realDir) {
        problems.push({ file: candidate, message: t('samples.entryRefused', { file: entry.file }) });
        continue;
      }
      try {
        await this.register(real, 'sample', {
          title: entry.title,
          description: entry.description,
          license: entry.license,
          ...(entry.translations ? { translations: entry.translations } : {}),
        });
      } catch (error) {
        problems.push({ file: candidate, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return problems;
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

  /** Forgets a dataset (a kept table the user let go, or one written again): its id stops serving. */
  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    if (this.byPath.get(entry.realPath) === entry) this.byPath.delete(entry.realPath);
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
