import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { HostFailure } from '../hostFailure';

/** An upload nobody started an export from is deleted after this long. */
const unclaimedMs = 10 * 60_000;

/**
 * Files the in-app engine uploads for export (its rows live in the page), streamed to the staging
 * folder as they arrive, never held in memory, and refused past a size limit.
 */
export class StagedUploads {
  private readonly files = new Map<string, { file: string; expiry: NodeJS.Timeout }>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async receive(body: ReadableStream<Uint8Array> | null, declaredBytes: number | null): Promise<string> {
    if (declaredBytes !== null && declaredBytes > this.maxBytes) throw this.tooLarge();
    await mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.upload`);
    const handle = await open(file, 'wx');
    try {
      let size = 0;
      if (body) {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.length;
          if (size > this.maxBytes) {
            await reader.cancel();
            throw this.tooLarge();
          }
          await handle.write(value);
        }
      }
    } catch (error) {
      await handle.close();
      await rm(file, { force: true });
      throw error;
    }
    await handle.close();
    const expiry = setTimeout(() => void this.discard(id), unclaimedMs);
    expiry.unref();
    this.files.set(id, { file, expiry });
    return id;
  }

  /** The uploaded file's path; from now on the caller owns (and deletes) it. */
  take(id: string): string {
    const staged = this.files.get(id);
    if (!staged) throw new HostFailure(404, 'export.errorNoUpload');
    clearTimeout(staged.expiry);
    this.files.delete(id);
    return staged.file;
  }

  async discard(id: string): Promise<void> {
    const staged = this.files.get(id);
    if (!staged) return;
    this.files.delete(id);
    await rm(staged.file, { force: true });
  }

  private tooLarge(): HostFailure {
    return new HostFailure(413, 'export.errorTooLarge', { limit: { bytes: this.maxBytes } });
  }
}
