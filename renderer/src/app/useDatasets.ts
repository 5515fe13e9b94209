import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dataset, DatasetFormat } from '../../../shared/contract/hostApi';
import { formatForFileName, needsNativeReader } from '../../../shared/contract/fileFormats';
import { tableNameForFile } from '../../../shared/sql/identifiers';
import type { CatalogTable, Engine, EngineFileFormat } from '../engine/engine';
import { headline } from '../engine/wasm/engineErrors';
import { hostClient } from '../host/hostClient';
import { t } from '../i18n/i18n';
import { formatByteSize } from '../../../shared/text/byteSize';
import type { LoadProgress } from '../features/status/StatusBar';
import { setCatalogVocabulary } from '../features/editor/monacoSetup';

/** How a file of each format reaches the engine: Parquet and JSON as a DuckDB table read on the main side. */
function engineFormatOf(format: DatasetFormat): EngineFileFormat {
  switch (format) {
    case 'parquet':
    case 'json':
      return 'duckdb';
    default:
      return format;
  }
}

/**
 * The largest file the in-app engine is asked to load. WebAssembly memory ends at 4 GiB and a load
 * holds the file's bytes and the table built from them at once; past this a load would fail late,
 * after reading gigabytes, with an allocation error. (Parquet and JSON arrive as compressed DuckDB
 * tables, so their limit applies to the converted size, checked the same way.)
 */
const inAppFileLimitBytes = 1.5 * 2 ** 30;

function tooLargeMessage(fileName: string, bytes: number): string {
  return t('error.fileTooLarge', { file: fileName, size: formatByteSize(bytes), limit: formatByteSize(inAppFileLimitBytes) });
}

interface Source {
  fileName: string;
  format: EngineFileFormat;
  /** The file's size when known before reading, to refuse what the engine cannot hold. */
  sizeBytes?: number;
  /** Shown while the first bytes are awaited (native DuckDB reading a Parquet file, say). */
  preparingLabel?: string;
  read(onProgress: (fraction: number | null) => void): Promise<Uint8Array>;
}

/**
 * Getting files into the engine: bytes come from the host (or a dropped file), the engine turns
 * them into a table named after the file. Loads run one at a time, each with a progress bar.
 */
export function useDatasets(engine: Engine, notify: (kind: 'info' | 'error', text: string, detail?: string) => void) {
  const [tables, setTables] = useState<CatalogTable[]>([]);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Datasets already loaded, so a second click on a sample does not load it twice. */
  const loaded = useRef(new Map<string, string>());
  /** Where each loaded table came from, to load it again if the engine has to restart. */
  const sources = useRef(new Map<string, Source>());

  const refreshCatalog = useCallback(async () => {
    const next = await engine.catalog();
    setTables(next);
    setCatalogVocabulary(next);
    return next;
  }, [engine]);

  const load = useCallback(
    (source: Source, key: string | null): Promise<string | null> => {
      const work = async (): Promise<string | null> => {
        const already = key ? loaded.current.get(key) : undefined;
        if (already) return already;
        if (source.sizeBytes !== undefined && source.sizeBytes > inAppFileLimitBytes) {
          notify('error', tooLargeMessage(source.fileName, source.sizeBytes));
          return null;
        }
        const label = t('catalog.loading', { name: source.fileName });
        setProgress(source.preparingLabel ? { label: source.preparingLabel, fraction: null } : { label, fraction: 0 });
        try {
          const bytes = await source.read((fraction) => setProgress({ label, fraction }));
          setProgress({ label, fraction: null });
          const existing = (await engine.catalog()).map((table) => table.name);
          const table = tableNameForFile(source.fileName, existing);
          const { rowCount } = await engine.loadFile({ table, fileName: source.fileName, format: source.format, bytes });
          if (key) loaded.current.set(key, table);
          sources.current.set(table, source);
          await refreshCatalog();
          notify('info', t('catalog.loaded', { name: source.fileName, table, rows: rowCount }));
          return table;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          notify('error', t('error.fileLoad', { file: source.fileName, message: headline(message) }), message);
          return null;
        } finally {
          setProgress(null);
        }
      };
      const next = queue.current.then(work, work);
      queue.current = next;
      return next;
    },
    [engine, notify, refreshCatalog],
  );

  // After a restart the engine is empty: load every table again from where it came, under its name.
  useEffect(
    () =>
      engine.onRestarted(() => {
        const work = async (): Promise<void> => {
          for (const [table, source] of sources.current) {
            try {
              const bytes = await source.read(() => undefined);
              await engine.loadFile({ table, fileName: source.fileName, format: source.format, bytes });
            } catch (error) {
              sources.current.delete(table);
              notify('error', t('error.fileLoad', { file: source.fileName, message: error instanceof Error ? headline(error.message) : String(error) }));
            }
          }
          await refreshCatalog();
          notify('info', t('engine.restarted'));
        };
        queue.current = queue.current.then(work, work);
      }),
    [engine, notify, refreshCatalog],
  );

  const loadDataset = useCallback(
    (dataset: Dataset) => {
      const native = needsNativeReader(dataset.format);
      return load(
        {
          fileName: dataset.fileName,
          format: engineFormatOf(dataset.format),
          // Parquet and JSON are compressed: their size says little about the table's; the converted file is checked as it arrives.
          ...(native ? {} : { sizeBytes: dataset.sizeBytes }),
          ...(native ? { preparingLabel: t('catalog.converting', { name: dataset.fileName }) } : {}),
          read: (onProgress) =>
            hostClient.datasetBytes(dataset.id, ({ loaded: done, total }) => onProgress(total > 0 ? done / total : null), {
              as: native ? 'table' : 'content',
              maxBytes: inAppFileLimitBytes,
              tooLarge: (bytes) => new Error(tooLargeMessage(dataset.fileName, bytes)),
            }),
        },
        dataset.id,
      );
    },
    [load],
  );

  /** A file dropped on the page in browser mode: the user handed over its bytes directly. */
  const loadLocalFile = useCallback(
    (file: File) => {
      const format = formatForFileName(file.name);
      // A dropped file's bytes are all the page has; Parquet and JSON need the main side to read them.
      if (!format || needsNativeReader(format)) {
        notify('error', t('error.fileUnsupported', { file: file.name }));
        return Promise.resolve(null);
      }
      if (file.size === 0) {
        notify('error', t('error.fileEmpty', { file: file.name }));
        return Promise.resolve(null);
      }
      return load({ fileName: file.name, format: engineFormatOf(format), sizeBytes: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) }, null);
    },
    [load, notify],
  );

  return { tables, progress, refreshCatalog, loadDataset, loadLocalFile };
}
