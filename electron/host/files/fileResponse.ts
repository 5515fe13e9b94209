import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { OpenDataset } from '../datasets/datasetRegistry';
import { HostFailure } from '../hostFailure';

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP. */
  end: number;
}

/**
 * Parses a Range header against a file size. Returns null for "the whole file" (no header, or one
 * we choose to ignore such as several ranges), 'unsatisfiable' for a range past the end.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Serves a dataset's bytes, whole or a range, as a stream (GET) or headers only (HEAD). */
export function datasetBytesResponse(entry: OpenDataset, request: Request): Promise<Response> {
  return fileBytesResponse(entry.realPath, entry.dataset.fileName, request);
}

/** Serves a file's bytes, whole or a range; `fileName` names it in errors. */
export async function fileBytesResponse(realPath: string, fileName: string, request: Request): Promise<Response> {
  const info = await stat(realPath).catch(() => null);
  if (!info?.isFile()) throw new HostFailure(409, 'error.fileChanged', { file: fileName });
  const size = info.size;
  const range = parseRange(request.headers.get('range'), size);
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
    'Last-Modified': info.mtime.toUTCString(),
    // The file's version as served (size and modification time to the sub-millisecond): a reader
    // compares it after a load to tell a file rewritten meanwhile (Last-Modified has whole seconds).
    ETag: fileVersionTag(info.size, info.mtimeMs),
  });
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers.set('Content-Length', String(end - start + 1));
  if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  const status = range ? 206 : 200;
  if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(realPath, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}

/** A strong ETag naming one version of a file. */
export function fileVersionTag(size: number, mtimeMs: number): string {
  return `"${size.toString(36)}-${Math.round(mtimeMs * 1_000).toString(36)}"`;
}
