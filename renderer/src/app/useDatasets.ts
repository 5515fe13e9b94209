import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dataset, DatasetFormat } from '../../../shared/contract/hostApi';
import { formatForFileName } from '../../../shared/contract/fileFormats';
import { tableNameForFile } from '../../../shared/sql/identifiers';
import type { CatalogTable, Engine } from '../engine/engine';
import { headline } from '../engine/wasm/engineErrors';
import { hostClient } from '../host/hostClient';
import { t } from '../i18n/i18n';
import type { LoadProgress } from '../features/status/StatusBar';
import { setCatalogVocabulary } from '../features/editor/monacoSetup';

interface Source {
  fileName: string;
  format: DatasetFormat;
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
        const label = t('catalog.loading', { name: source.fileName });
        setProgress({ label, fraction: 0 });
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
    (dataset: Dataset) =>
      load(
        {
          fileName: dataset.fileName,
          format: dataset.format,
          read: (onProgress) =>
            hostClient.datasetBytes(dataset.id, ({ loaded: done, total }) => onProgress(total > 0 ? done / total : null)),
        },
        dataset.id,
      ),
    [load],
  );

  /** A file dropped on the page in browser mode: the user handed over its bytes directly. */
  const loadLocalFile = useCallback(
    (file: File) => {
      const format = formatForFileName(file.name);
      if (!format) {
        notify('error', t('error.fileUnsupported', { file: file.name }));
        return Promise.resolve(null);
      }
      if (file.size === 0) {
        notify('error', t('error.fileEmpty', { file: file.name }));
        return Promise.resolve(null);
      }
      return load({ fileName: file.name, format, read: async () => new Uint8Array(await file.arrayBuffer()) }, null);
    },
    [load, notify],
  );

  return { tables, progress, refreshCatalog, loadDataset, loadLocalFile };
}
