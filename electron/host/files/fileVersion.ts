import { stat } from 'node:fs/promises';

/**
 * A file's version: its modification time and size; null when it is gone. A save compares it just
 * before its rename, so another program's write since the page read the file is not overwritten.
 */
export async function versionOf(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.mtimeMs}:${info.size}` : null;
}
