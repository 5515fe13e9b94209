/**
 * Parquet and JSON files streamed to the in-app engine as Arrow, batch by batch: native DuckDB
 * reads the file in an in-memory database of its own, locked down to that one file, and each
 * `next` encodes the following rows as a complete Arrow IPC stream (schema, one record batch,
 * end) that duckdb-wasm's `insertArrowFromIPCStream` takes on its own. The host asks for the next
 * batch while the page inserts the last one, so reading and inserting overlap.
 *
 * Every DuckDB type but two arrives in duckdb-wasm as the same type with the same values (checked
 * type by type in test/unit/parity/streamedTableParity.test.ts). The two that do not:
 * - ENUM: duckdb-wasm's Arrow import makes a dictionary a VARCHAR, losing the type;
 * - TIME_NS: node-api 1.4 cannot read its vectors, nor even name the type.
 * A file with either (at any depth) is not streamed: `uncarried` names the columns, and the page
 * loads that file the old way, as a DuckDB database file (tableConversion.ts).
 */
import { DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk, type DuckDBInstance, type DuckDBResult, type DuckDBType } from '@duckdb/node-api';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { encodeArrowIpcParts, type EncodedColumn } from './arrowEncoding';
import { partsByteLength } from '../../../shared/contract/tableFrames';
import { readerSql } from './datasetReaders';
import { createInstance, lockDown, prepareConnection } from './lockedInstance';
import type { StreamOpenRequest, StreamHeader } from './nativeProtocol';

/** About this many bytes of Arrow a batch: large enough that a call's cost is small, small enough to pipeline and to cancel within one. */
const batchTargetBytes = 8 * 2 ** 20;
/** DuckDB's vector size: the rows of one chunk. */
const chunkRows = 2048;
/** The first batch is small, so the page starts inserting at once. */
const firstBatchRows = 8 * chunkRows;
const maxBatchRows = 512 * chunkRows;

interface OpenStream {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  result: DuckDBResult;
  columns: EncodedColumn[];
  batchRows: number;
  /** The first batch goes even when empty: it carries the schema the table is created from. */
  sentFirst: boolean;
  done: boolean;
  /** A `next` is reading: a close then interrupts it, and the database is freed when it returns. */
  busy: boolean;
  closeRequested: boolean;
}

/** True when duckdb-wasm's Arrow import gives back `type` exactly (see the file comment). */
export function carriedByArrow(type: DuckDBType): boolean {
  switch (type.typeId) {
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.TIME_NS:
      return false;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return carriedByArrow(type.valueType);
    case DuckDBTypeId.MAP:
      return carriedByArrow(type.keyType) && carriedByArrow(type.valueType);
    case DuckDBTypeId.STRUCT:
      return type.entryTypes.every(carriedByArrow);
    case DuckDBTypeId.UNION:
      return type.memberTypes.every(carriedByArrow);
    default:
      return true;
  }
}

export class TableStreams {
  private readonly streams = new Map<string, OpenStream>();
  private readonly opening = new Set<string>();
  /** Closed (cancelled) before its open finished: the open closes what it made. */
  private readonly closedEarly = new Set<string>();

  async open(request: StreamOpenRequest): Promise<StreamHeader> {
    this.opening.add(request.streamId);
    try {
      return await this.openStream(request);
    } finally {
      this.opening.delete(request.streamId);
      this.closedEarly.delete(request.streamId);
    }
  }

  private async openStream(request: StreamOpenRequest): Promise<StreamHeader> {
    const instance = await createInstance(':memory:', request.settings, request.spillDir);
    const connection = await instance.connect();
    const close = (): void => {
      connection.closeSync();
      instance.closeSync();
    };
    try {
      await prepareConnection(connection);
      await connection.run(`SET streaming_buffer_size = '64MB'`);
      await lockDown(connection, { files: [request.source], directories: [request.spillDir] });
      const relation = await readerSql(request.source, request.format);
      // DuckDB's own type names, as the page's engine will print them for the table it builds.
      const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRows();
      const rowCount =
        request.format === 'parquet'
          ? Number((await connection.runAndReadAll(`SELECT coalesce(sum(num_rows), 0)::DOUBLE FROM parquet_file_metadata(${quoteLiteral(request.source)})`)).getRows()[0]?.[0] ?? 0)
          : null;
      const result = await connection.stream(`SELECT * FROM ${relation}`);
      const names = result.columnNames();
      // node-api 1.4 cannot name some types (TIME_NS: "Unexpected type id"), let alone read them.
      const types = ((): DuckDBType[] | null => {
        try {
          return result.columnTypes();
        } catch {
          return null;
        }
      })();
      const header: StreamHeader = {
        columns: names.map((name, i) => ({ name, type: String(described[i]?.[1]) })),
        rowCount,
        uncarried: types ? names.filter((_, i) => !carriedByArrow(types[i]!)) : names,
      };
      if (header.uncarried.length > 0 || this.closedEarly.has(request.streamId)) {
        close();
        return header;
      }
      this.streams.set(request.streamId, {
        instance,
        connection,
        result,
        columns: names.map((name, i) => ({ name, type: types![i]! })),
        batchRows: firstBatchRows,
        sentFirst: false,
        done: false,
        busy: false,
        closeRequested: false,
      });
      return header;
    } catch (error) {
      close();
      throw error;
    }
  }

  /**
   * The next batch as a complete Arrow IPC stream, in pieces to send one after another, or null
   * once every row has gone (the stream is then closed).
   */
  async next(streamId: string): Promise<{ batch: Uint8Array[] | null; rows: number }> {
    const stream = this.streams.get(streamId);
    if (!stream) throw new Error(`no open stream ${streamId}`);
    stream.busy = true;
    try {
      const chunks: DuckDBDataChunk[] = [];
      let rows = 0;
      while (!stream.done && rows < stream.batchRows) {
        const chunk = await stream.result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) stream.done = true;
        else {
          chunks.push(chunk);
          rows += chunk.rowCount;
        }
      }
      if (rows === 0 && stream.sentFirst) {
        this.close(streamId);
        return { batch: null, rows: 0 };
      }
      const batch = encodeArrowIpcParts(stream.columns, chunks, { lossless: true });
      stream.sentFirst = true;
      if (rows > 0) {
        const rowsForTarget = Math.round(batchTargetBytes / (partsByteLength(batch) / rows) / chunkRows) * chunkRows;
        stream.batchRows = Math.min(maxBatchRows, Math.max(chunkRows, rowsForTarget));
      }
      return { batch, rows };
    } catch (error) {
      stream.closeRequested = true;
      throw error;
    } finally {
      stream.busy = false;
      if (stream.closeRequested) this.close(streamId);
    }
  }

  /** Stops the stream, reading or not, and frees its database; safe to call more than once. */
  close(streamId: string): void {
    const stream = this.streams.get(streamId);
    if (!stream) {
      if (this.opening.has(streamId)) this.closedEarly.add(streamId);
      return;
    }
    stream.connection.interrupt();
    // Freed only once no read is under way in it.
    if (stream.busy) {
      stream.closeRequested = true;
      return;
    }
    this.streams.delete(streamId);
    stream.connection.closeSync();
    stream.instance.closeSync();
  }
}
