import { createTranslator, type MessageKey } from '../../shared/i18n/translate';
import type { HostMessageParams } from '../../shared/contract/hostApi';

const t = createTranslator();

/**
 * A failure the user should read: an HTTP status, a message key and its parameters. The host
 * speaks in codes: the renderer translates the key in the user's language. `message` is the
 * English text, for logs and the command line.
 */
export class HostFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 416 | 422 | 500,
    readonly code: MessageKey,
    readonly params: HostMessageParams = {},
  ) {
    super(t(code, params));
    this.name = 'HostFailure';
  }
}

/** Maps a Node file-system error on `fileName` to the failure a user understands. */
export function fileFailure(error: unknown, fileName: string): HostFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new HostFailure(404, 'error.fileNotFound', { file: fileName });
    case 'EACCES':
    case 'EPERM':
      return new HostFailure(403, 'error.fileUnreadable', { file: fileName });
    case 'EISDIR':
      return new HostFailure(422, 'error.fileIsDirectory', { file: fileName });
    default:
      return new HostFailure(500, 'error.fileRead', {
        file: fileName,
        message: error instanceof Error ? error.message : String(error),
      });
  }
}

/**
 * Maps a Node file-system error while writing the app's own `file` (workspace, history) to a
 * failure that says why: a read-only folder and a full disk are told apart from the rest.
 */
export function writeFailure(error: unknown, file: string): HostFailure {
  if (error instanceof HostFailure) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new HostFailure(500, 'save.readOnly', { file });
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new HostFailure(500, 'save.diskFull', { file });
    default:
      return new HostFailure(500, 'save.failed', { file, message: error instanceof Error ? error.message : String(error) });
  }
}
