import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that readers see either the old content or the new, never half of it:
 * the bytes go to a temporary name beside the target, are flushed, and the name is swapped.
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
