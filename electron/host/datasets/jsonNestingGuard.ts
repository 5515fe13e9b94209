import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzipped } from '../../../shared/contract/fileFormats';
import { JsonNestingScan, maxJsonNesting } from '../../../shared/formats/jsonNesting';
import { fileFailure, HostFailure } from '../hostFailure';

/**
 * Refuses a JSON file (plain or gzipped) that nests deeper than DuckDB can read without crashing,
 * before DuckDB reads it: for the native engine's view and for the conversion for the in-app
 * engine alike. Reads the file once, as a stream, and stops at the first level past the limit.
 */
export async function guardJsonNesting(realPath: string, fileName: string): Promise<void> {
  const scan = new JsonNestingScan();
  const source = createReadStream(realPath);
  let bytes: Readable = source;
  if (isGzipped(fileName)) {
    const gunzip = createGunzip();
    source.on('error', (error) => gunzip.destroy(error));
    bytes = source.pipe(gunzip);
  }
  let tooDeep = false;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      if (!scan.feed(chunk)) {
        tooDeep = true;
        break;
      }
    }
  } catch (error) {
    // A broken gzip stream: DuckDB says so in its own words when it reads the file, so leave that to it.
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) return;
    throw fileFailure(error, fileName);
  } finally {
    source.destroy();
    bytes.destroy();
  }
  if (tooDeep) throw new HostFailure(422, 'error.jsonTooDeep', { file: fileName, limit: maxJsonNesting });
}
