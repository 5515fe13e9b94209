/**
 * What a Parquet file will take once loaded, read from its footer alone (no row is read): the sum
 * of its column chunks' uncompressed sizes. The page asks before it sends a file to the in-app
 * engine, so that a file that cannot fit is refused at once rather than after minutes of reading.
 * Runs in an in-memory database of its own, locked down to the one file.
 */
import { createInstance, lockDown } from './lockedInstance';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import type { FootprintRequest } from './nativeProtocol';

export async function parquetFootprint(request: FootprintRequest): Promise<{ uncompressedBytes: number; rowCount: number }> {
  const instance = await createInstance(':memory:', request.settings, request.spillDir);
  const connection = await instance.connect();
  try {
    await lockDown(connection, { files: [request.source], directories: [request.spillDir] });
    const file = quoteLiteral(request.source);
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT coalesce(sum(total_uncompressed_size), 0)::DOUBLE FROM parquet_metadata(${file})),
              (SELECT coalesce(sum(num_rows), 0)::DOUBLE FROM parquet_file_metadata(${file}))`,
    );
    const [uncompressed, rows] = reader.getRows()[0] ?? [0, 0];
    return { uncompressedBytes: Number(uncompressed), rowCount: Number(rows) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
