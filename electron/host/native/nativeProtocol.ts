/**
 * Messages between the host and its native DuckDB process: a closed, typed set. Each request has
 * an id; the process answers every request exactly once, with a result or an error.
 */
import type { DatasetFormat } from '../../../shared/contract/hostApi';

export interface ConvertRequest {
  id: number;
  type: 'convert';
  /** The file to read (Parquet or JSON): the only file the process may read for this request. */
  source: string;
  format: Extract<DatasetFormat, 'parquet' | 'json'>;
  /** The DuckDB database file to write, holding the data as table `data`. */
  target: string;
  /** Folder for spilling to disk when the data exceeds memory. */
  spillDir: string;
  memoryLimit: string;
  threads: number;
}

export type NativeRequest = ConvertRequest;

export type NativeResponse =
  | { id: number; ok: true; rowCount: number }
  | { id: number; ok: false; message: string };

/** Name of the table inside a converted database file. */
export const convertedTableName = 'data';
