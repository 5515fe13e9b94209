/**
 * Exports as the renderer and the host core agree on them: a relation (or a file staged by the
 * in-app engine) written to a file the user chose, as a job the renderer follows and may cancel.
 */
import { z } from 'zod';

export const exportFormats = ['csv', 'parquet', 'json', 'arrow'] as const;
export const ExportFormat = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The file name extension each format is saved with. */
export const exportExtensions: Readonly<Record<ExportFormat, string>> = { csv: 'csv', parquet: 'parquet', json: 'json', arrow: 'arrow' };

/** A notebook chart saved as an image: a file the page drew, staged as it is (`contains: 'file'`). */
export const chartImageFormats = ['svg', 'png'] as const;
/** A notebook exported whole: the HTML report or a Jupyter notebook, written by the page, staged as it is. */
export const notebookDocumentFormats = ['html', 'ipynb'] as const;
/** Any file an export writes: rows in a data format, a chart's image, or a notebook's export. */
export const FileFormat = z.enum([...exportFormats, ...chartImageFormats, ...notebookDocumentFormats]);
export type FileFormat = z.infer<typeof FileFormat>;
export const fileExtensions: Readonly<Record<FileFormat, string>> = { ...exportExtensions, svg: 'svg', png: 'png', html: 'html', ipynb: 'ipynb' };

/** Formats only the page can make (a drawing, a document): they arrive as a finished staged file; DuckDB writes none of them. */
export function isPageMadeFormat(format: FileFormat): format is (typeof chartImageFormats)[number] | (typeof notebookDocumentFormats)[number] {
  return (chartImageFormats as readonly string[]).includes(format) || (notebookDocumentFormats as readonly string[]).includes(format);
}

export function isChartImageFormat(format: FileFormat): format is (typeof chartImageFormats)[number] {
  return (chartImageFormats as readonly string[]).includes(format);
}

/** Where an export's rows come from. */
export const ExportSource = z.discriminatedUnion('kind', [
  /** A relation the native engine can read: a stored result, a table, or any FROM-able SQL. */
  z.object({ kind: z.literal('relation'), relation: z.string().min(1).max(1_000_000) }),
  /**
   * A file the in-app engine uploaded: already in the target format (`file`), or rows that native
   * DuckDB writes in the target format as an Arrow IPC file or stream (`arrow`, types kept where
   * the Arrow importer keeps them, else refused with `export.errorTypesRetyped`).
   */
  z.object({ kind: z.literal('staged'), stagedId: z.string().regex(/^[a-f0-9-]{36}$/), contains: z.enum(['file', 'arrow']) }),
]);
export type ExportSource = z.infer<typeof ExportSource>;

/** With `format`, the destination's name must end with that format's extension. */
export const DestinationBody = z.object({ destination: z.string().min(1).max(4096), format: FileFormat.optional() });

export const StartExportBody = z.object({
  source: ExportSource,
  /** A chart image only ever comes staged as a finished file. */
  format: FileFormat,
  destination: z.string().min(1).max(4096),
  /** Replace an existing file: the user has confirmed it. Without it an existing file is refused. */
  overwrite: z.boolean().default(false),
});
export type StartExportBody = z.input<typeof StartExportBody>;

export const ExportJobIdParam = z.object({ id: z.string().regex(/^[a-f0-9-]{36}$/) });

/** What the host knows of a destination before anything is written. */
export interface DestinationCheck {
  /** The path the file will be written to (links in its folder resolved). */
  path: string;
  exists: boolean;
}

export type ExportJobState = 'running' | 'done' | 'failed' | 'canceled';

export interface ExportJobStatus {
  id: string;
  state: ExportJobState;
  /** Writing the rows (in the staging folder), then moving the file to its destination. */
  phase: 'writing' | 'moving';
  /** How far the current phase has got, 0..1, or null when it cannot tell. */
  fraction: number | null;
  rowCount: number | null;
  /** Why the export failed, for the user (English, or DuckDB's own text). */
  error: string | null;
  /** The same as a message key and its parameters, when the host explained it: the page translates it. */
  errorKey?: string;
  errorParams?: Readonly<Record<string, string | number | { bytes: number }>>;
  destination: string;
}
