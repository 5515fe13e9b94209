import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that readers see either the old content or the new, never half of it:
 * the bytes go to a temporary name beside the target, are flushed, and the name is swapped.
 */
export async function writeFileAtomically(
  target: string,
  data: string | Uint8Array,
  /**
   * Runs once the bytes are flushed, just before the swap: a rejection leaves the target as it was.
   * A notebook's save checks here that no other program wrote the file meanwhile.
   */
  beforeRename?: () => Promise<void>,
): Promise<void> {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.();
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes what writes to `target` left when the process was killed mid-write (their temporary
 * files); call before the first write of a run, when no write of this process is in flight.
 */
export async function removeInterruptedWrites(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && /^[0-9a-f]{12}\.partial$/.test(name.slice(prefix.length)))
      .map((name) => rm(path.join(folder, name), { force: true })),
  );
}
