/**
 * `GET /api/datasets/:id/arrow`: a Parquet or JSON file's rows, read by native DuckDB, for the
 * in-app engine, as a sequence of frames. Each frame is a 9-byte head (payload length, uint32
 * little-endian; kind, one byte; rows in a batch, uint32 little-endian) and its payload:
 *
 *   header  JSON TableStreamHeader: always first
 *   batch   a complete Arrow IPC stream (schema, one record batch, end), for insertArrowFromIPCStream
 *   end     JSON { rows }: every row has been sent (a body that stops without it was cut short)
 *   error   JSON HostError: the read failed; nothing follows
 *
 * Written by the host (electron/host/datasets/streamedTables.ts), read by the page
 * (renderer/src/engine/wasm/streamedLoad.ts).
 */
import type { HostError } from './hostApi';

export const tableFramesPath = (datasetId: string): string => `/api/datasets/${encodeURIComponent(datasetId)}/arrow`;

export interface TableStreamHeader {
  /** Each column's name and DuckDB type name, as DESCRIBE prints it. */
  columns: { name: string; type: string }[];
  /** Rows the file holds (from a Parquet footer); null when unknown until read (JSON). */
  rowCount: number | null;
  /**
   * Columns whose type the stream cannot carry into the in-app engine exactly. When any, no batch
   * follows: the page loads the file as a DuckDB database file instead.
   */
  uncarried: string[];
}

export type TableFrame =
  | { kind: 'header'; header: TableStreamHeader }
  | { kind: 'batch'; bytes: Uint8Array; rows: number }
  | { kind: 'end'; rows: number }
  | { kind: 'error'; error: HostError };

const kinds = ['header', 'batch', 'end', 'error'] as const;
const headBytes = 9;

/** The head of a frame whose payload is `length` bytes (sent before the payload, so a batch is never copied). */
export function frameHead(kind: TableFrame['kind'], length: number, rows = 0): Uint8Array {
  const head = new Uint8Array(headBytes);
  const view = new DataView(head.buffer);
  view.setUint32(0, length, true);
  head[4] = kinds.indexOf(kind);
  view.setUint32(5, rows, true);
  return head;
}

/**
 * The length of a payload kept in the pieces it was written in (an Arrow batch as the native
 * encoder makes it): the batch frame's head says it, and the pieces follow it uncopied.
 */
export function partsByteLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  return length;
}

/** A frame whose payload is JSON, head and payload in one buffer. */
export function jsonFrame(frame: Exclude<TableFrame, { kind: 'batch' }>): Uint8Array {
  const payload = new TextEncoder().encode(JSON.stringify(frame.kind === 'header' ? frame.header : frame.kind === 'end' ? { rows: frame.rows } : frame.error));
  const bytes = new Uint8Array(headBytes + payload.length);
  bytes.set(frameHead(frame.kind, payload.length));
  bytes.set(payload, headBytes);
  return bytes;
}

/** A frame that does not parse: the body is not what the host writes. */
export class TableFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableFrameError';
  }
}

/**
 * Frames from a body read in chunks of any size. Each batch's payload is a buffer of its own
 * (it can be transferred to the engine's worker).
 */
export async function* readTableFrames(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TableFrame> {
  const head = new Uint8Array(headBytes);
  let headFilled = 0;
  let payload: Uint8Array | null = null;
  let payloadFilled = 0;
  let kind: TableFrame['kind'] = 'header';
  let rows = 0;
  for await (const chunk of chunks) {
    let at = 0;
    while (at < chunk.length) {
      if (!payload) {
        const take = Math.min(headBytes - headFilled, chunk.length - at);
        head.set(chunk.subarray(at, at + take), headFilled);
        headFilled += take;
        at += take;
        if (headFilled < headBytes) break;
        const found = kinds[head[4]!];
        if (!found) throw new TableFrameError(`unknown frame kind ${head[4]}`);
        kind = found;
        rows = new DataView(head.buffer).getUint32(5, true);
        payload = new Uint8Array(new DataView(head.buffer).getUint32(0, true));
        payloadFilled = 0;
        headFilled = 0;
      }
      const take = Math.min(payload.length - payloadFilled, chunk.length - at);
      payload.set(chunk.subarray(at, at + take), payloadFilled);
      payloadFilled += take;
      at += take;
      if (payloadFilled === payload.length) {
        yield parsed(kind, payload, rows);
        payload = null;
      }
    }
  }
  if (payload || headFilled > 0) throw new TableFrameError('the body ends inside a frame');
}

function parsed(kind: TableFrame['kind'], payload: Uint8Array, rows: number): TableFrame {
  if (kind === 'batch') return { kind, bytes: payload, rows };
  const value = JSON.parse(new TextDecoder().decode(payload)) as unknown;
  switch (kind) {
    case 'header':
      return { kind, header: value as TableStreamHeader };
    case 'end':
      return { kind, rows: Number((value as { rows: unknown }).rows) };
    case 'error':
      return { kind, error: value as HostError };
  }
}
