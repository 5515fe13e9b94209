import type { Dataset } from '../../../../shared/contract/hostApi';
import type { Engine, EngineFileFormat } from '../../engine/engine';

/** Where a table came from, to load it again into another engine, or after a restart. */
export type Source =
  | { kind: 'dataset'; dataset: Dataset }
  | { kind: 'dropped'; file: File; format: EngineFileFormat };

/**
 * Who asked for a load: the user in the page (asked before anything is decided for them), or the
 * command line and a drop on the window, where a file clearly too big for the in-app engine goes
 * to the native engine without asking (the app says it did).
 */
export type LoadOrigin = 'page' | 'commandLine' | 'drop';

export function fileNameOf(source: Source): string {
  return source.kind === 'dataset' ? source.dataset.fileName : source.file.name;
}

/** The tables each engine holds for files, by engine (two engines, each made once: see engineRegistry.ts). */
export type LoadedIn = Map<Engine, Set<string>>;

/** Closes the table made for a file on every engine that holds it (the first engine that refuses stops it). */
export async function closeOnEngines(loadedIn: LoadedIn, table: string): Promise<void> {
  for (const [holder, present] of loadedIn) {
    if (!present.has(table)) continue;
    await holder.closeDataset(table);
    present.delete(table);
  }
}
