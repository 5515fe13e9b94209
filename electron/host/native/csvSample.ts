import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isGzipped } from '../../../shared/contract/fileFormats';
import { csvSampleBytes, csvSampleOf, type CsvSample } from '../../../shared/formats/csvDialect';

/**
 * The start of a CSV file on disk, for shared/formats/csvDialect.ts: the same bytes the in-app
 * engine's load looks at. A gzipped file is sampled after inflating, as DuckDB reads it.
 */
export async function readCsvSample(filePath: string): Promise<CsvSample> {
  const chunks: Buffer[] = [];
  let length = 0;
  const file = createReadStream(filePath, isGzipped(filePath) ? {} : { end: csvSampleBytes });
  const stream = isGzipped(filePath) ? file.pipe(createGunzip()) : file;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length > csvSampleBytes) break;
    }
  } finally {
    file.destroy();
    stream.destroy();
  }
  const bytes = new Uint8Array(Buffer.concat(chunks, length));
  // More bytes than the sample were read only when the file goes on past it.
  return csvSampleOf(bytes, length <= csvSampleBytes ? bytes.length : Number.POSITIVE_INFINITY);
}
