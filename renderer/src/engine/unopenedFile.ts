import { fileNameOf, unopenedFileOf } from '../../../shared/engine/filePaths';
import { t } from '../i18n/i18n';
import { EngineError } from './engine';

/** DuckDB's error for a path SQL may not read, in the app's words (open it first); null for any other error. */
export function unopenedFileError(message: string, position: number | null): EngineError | null {
  const path = unopenedFileOf(message);
  if (path === null) return null;
  const detail = message.split('\n')[0]!.trim();
  return new EngineError(t('files.pathNotOpened', { detail, file: fileNameOf(path) }), position);
}
