import { createReadStream } from 'node:fs';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HostFailure } from '../hostFailure';

/**
 * Moves a finished file from the staging folder to its destination so that the destination only
 * ever holds a complete file: it goes to a hidden temporary name in the destination's folder
 * (a rename when both are on one disk, a copy otherwise), then is renamed to its final name.
 * Whatever happens, the staged file and the temporary one are gone afterwards.
 */
export async function placeFile(
  staged: string,
  target: string,
  options: { overwrite: boolean; signal: AbortSignal; onProgress(fraction: number): void },
): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    try {
      await rename(staged, temporary);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyWithProgress(staged, temporary, options.signal, options.onProgress);
    }
    options.signal.throwIfAborted();
    // The user may have made a file of that name since the export started.
    if (!options.overwrite && (await lstat(target).catch(() => null))) {
      throw new HostFailure(409, 'export.errorExists', { file: path.basename(target) });
    }
    await rename(temporary, target);
    options.onProgress(1);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await rm(staged, { force: true });
  }
}

async function copyWithProgress(from: string, to: string, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<void> {
  const total = (await stat(from)).size;
  const handle = await open(to, 'wx');
  try {
    let copied = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        copied += chunk.length;
        if (total > 0) onProgress(copied / total);
        done(null, chunk);
      },
    });
    await pipeline(createReadStream(from), counter, handle.createWriteStream({ autoClose: false }), { signal });
    await handle.sync();
  } finally {
    await handle.close();
  }
}
