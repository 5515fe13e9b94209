/**
 * SQL files under /api/sql-files: a `.sql` file opened by path into an editor tab (through the file
 * roots, as datasets and notebooks are), and a tab's text saved back under a temporary name, then
 * renamed over the file, refused if another program changed the file since the tab read it.
 */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSqlFileName, maxSqlFileBytes, OpenSqlFileBody, SaveSqlFileBody, type SqlFile } from '../../../shared/contract/sqlFileApi';
import { decodeUtf8Text, encodeUtf8Text } from '../../../shared/text/utf8Text';
import { writeFileAtomically } from './atomicWrite';
import { versionOf } from './fileVersion';
import { writeTarget, type WriteTargetKind } from './writeTarget';
import type { ExportDestinations } from '../export/exportDestinations';
import type { FileRoots } from './fileRoots';
import { fileFailure, HostFailure } from '../hostFailure';

type Invalid = Parameters<typeof zValidator>[2];

export function sqlFileRoutes(
  roots: FileRoots,
  invalid: Invalid,
  /** SQL files named on the command line (real paths): opened and saved even outside the file roots. */
  namedAtStart: ReadonlySet<string>,
  /** Where files may be written: an SQL file, like an export or a notebook, is never saved inside the app's own folders. */
  destinations: ExportDestinations,
) {
  return new Hono()
    .post('/open', zValidator('json', OpenSqlFileBody, invalid), async (c) => {
      const requested = c.req.valid('json').path;
      const file = namedAtStart.has(requested) ? requested : await roots.resolve(requested);
      const fileName = path.basename(file);
      if (!isSqlFileName(fileName)) throw new HostFailure(422, 'sqlFile.notSql', { file: fileName });
      const info = await lstat(file).catch((error: unknown) => Promise.reject(fileFailure(error, fileName)));
      if (!info.isFile()) throw new HostFailure(422, 'error.fileIsDirectory', { file: fileName });
      if (info.size > maxSqlFileBytes) throw new HostFailure(413, 'sqlFile.tooLarge', { file: fileName, limit: { bytes: maxSqlFileBytes } });
      const bytes = await readFile(file).catch((error: unknown) => Promise.reject(fileFailure(error, fileName)));
      // Grown since the size was read: the same refusal, not a tab the workspace could not keep.
      if (bytes.length > maxSqlFileBytes) throw new HostFailure(413, 'sqlFile.tooLarge', { file: fileName, limit: { bytes: maxSqlFileBytes } });
      const decoded = decodeUtf8Text(bytes);
      if (!decoded) throw new HostFailure(422, 'sqlFile.notText', { file: fileName });
      const reply: SqlFile = { path: file, fileName, ...decoded, version: (await versionOf(file)) ?? '' };
      return c.json(reply);
    })
    .put('/file', zValidator('json', SaveSqlFileBody, invalid), async (c) => {
      const body = c.req.valid('json');
      const file = namedAtStart.has(body.path) ? body.path : await writeTarget(roots, body.path, sqlFileTarget);
      const fileName = path.basename(file);
      // The samples' folder is one of the file roots: a script opened from it is saved elsewhere.
      if (await destinations.isInAppFolder(file)) throw new HostFailure(403, 'sqlFile.appFolder', { file: fileName });
      const bytes = encodeUtf8Text(body);
      if (bytes.length > maxSqlFileBytes) throw new HostFailure(413, 'sqlFile.tooLarge', { file: fileName, limit: { bytes: maxSqlFileBytes } });
      const expected = body.expectedVersion;
      // Compared at the last moment, after the bytes are flushed: another program's write since the
      // tab read the file is refused rather than overwritten. A file that is gone is written again.
      const mayReplace = async (): Promise<void> => {
        const current = await versionOf(file);
        if (current === null) return;
        if (expected === null ? !body.overwrite : current !== expected) {
          throw new HostFailure(409, expected === null ? 'save.exists' : 'sqlFile.changedSinceOpened', { file: fileName });
        }
      };
      await writeFileAtomically(file, bytes, mayReplace).catch((error: unknown) => {
        if (error instanceof HostFailure) throw error;
        throw new HostFailure(500, 'sqlFile.cannotSave', { file: fileName, message: error instanceof Error ? error.message : String(error) });
      });
      const reply: SqlFile = { path: file, fileName, text: body.text, bom: body.bom, version: (await versionOf(file)) ?? '' };
      return c.json(reply);
    });
}

/** `.sql` files only (see writeTarget). */
const sqlFileTarget: WriteTargetKind = {
  accepts: isSqlFileName,
  wrongName: (file) => new HostFailure(422, 'sqlFile.notSql', { file }),
  notAFile: 'sqlFile.notAFile',
};
